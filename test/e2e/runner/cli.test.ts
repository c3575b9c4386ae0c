// The k6-local CLI as a user runs it: flags, outputs (--summary-export, --out json, --time-series,
// handleSummary paths relative to the cwd), exit codes and SIGINT.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptDir, startTarget, type TestTarget } from './runner-harness.ts';

const BIN = resolve(import.meta.dirname, '../../../bin/k6-local.mjs');
let target: TestTarget;
const scripts = new ScriptDir();
const children: ChildProcess[] = [];
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await target.stop();
  scripts.dispose();
});

interface K6LocalOptions {
  cwd?: string;
  onStart?: (child: ChildProcess) => void;
  /** SIGKILL the child after this long (its code is then null): for runs that must end by themselves. */
  killAfterMs?: number;
  /** Added to the child's environment. */
  env?: Record<string, string>;
}

function k6Local(args: string[], options: K6LocalOptions = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? scripts.dir,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const bound = options.killAfterMs
      ? setTimeout(() => child.kill('SIGKILL'), options.killAfterMs)
      : undefined;
    child.on('close', (code) => {
      clearTimeout(bound);
      done({ code, stdout, stderr });
    });
    options.onStart?.(child);
  });
}

const SCRIPT = `import http from 'k6/http';
import { check, group } from 'k6';
export const options = { thresholds: { http_req_duration: ['p(95)<5000'], 'http_req_duration{tier:gold}': ['max>=0'], checks: ['rate>0.99'] } };
export default async function () {
  group('api', () => {});
  const res = await http.asyncRequest('GET', __ENV.BASE + '/cli', null, { tags: { tier: 'gold' } });
  check(res, { ok: (r) => r.status === 200 });
}`;

describe('k6-local CLI', () => {
  it('version', async () => {
    const { code, stdout } = await k6Local(['version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^k6-local v\d+\.\d+\.\d+ \(k6-compatible subset\)/);
  });

  it('run with flags writes --summary-export, --out json and --time-series', async () => {
    const script = scripts.write(SCRIPT);
    const { code, stdout } = await k6Local([
      'run',
      '-q',
      '-e',
      `BASE=${target.url}`,
      '--vus',
      '2',
      '--duration',
      '1500ms',
      '--tag',
      'run=cli',
      '--summary-export',
      'export.json',
      '--out',
      'json=out/points.json',
      '--time-series',
      'series.ndjson',
      '--summary-trend-stats',
      'avg,p(99)',
      script,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/http_req_duration/);
    const exported = JSON.parse(readFileSync(join(scripts.dir, 'export.json'), 'utf8'));
    expect(Object.keys(exported.metrics.http_req_duration)).toEqual(expect.arrayContaining(['avg', 'p(99)']));
    expect(exported.metrics.http_req_duration.thresholds).toEqual({ 'p(95)<5000': false });
    expect(exported.metrics.checks.value).toBe(1);
    expect(exported.root_group.checks.ok).toMatchObject({ passes: expect.any(Number), fails: 0 });
    const lines = readFileSync(join(scripts.dir, 'out/points.json'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const point = lines.find((l) => l.type === 'Point' && l.metric === 'http_req_duration');
    expect(point.data.tags).toMatchObject({
      method: 'GET',
      status: '200',
      tier: 'gold',
      run: 'cli',
      scenario: 'default',
      group: '',
      expected_response: 'true',
    });
    expect(lines.findIndex((l) => l.type === 'Metric' && l.metric === 'http_req_duration')).toBeLessThan(
      lines.indexOf(point),
    );
    const series = readFileSync(join(scripts.dir, 'series.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const reqs = series.filter((l) => l.metric === 'http_reqs');
    expect(reqs.length).toBeGreaterThanOrEqual(1);
    expect(reqs[0].tags.url).toBeUndefined();
    expect(reqs.reduce((sum, l) => sum + l.values.count, 0)).toBe(exported.metrics.http_reqs.count);
  });

  it('exit 99 on failed thresholds and handleSummary paths relative to the cwd', async () => {
    const script =
      scripts.write(`export const options = { iterations: 2, thresholds: { iterations: ['count>5'] } };
export default function () {}
export function handleSummary(data) { return { 'reports/summary.json': JSON.stringify(data), stdout: 'done\\n' }; }`);
    const { code, stdout } = await k6Local(['run', '-q', script]);
    expect(code).toBe(99);
    expect(stdout).toBe('done\n');
    expect(
      JSON.parse(readFileSync(join(scripts.dir, 'reports/summary.json'), 'utf8')).metrics.iterations.values
        .count,
    ).toBe(2);
  });

  it('exit 104 on conflicting shortcut flags, naming the problem', async () => {
    const script = scripts.write('export default function () {}');
    const { code, stderr } = await k6Local(['run', '--iterations', '5', '--stage', '1s:2', script]);
    expect(code).toBe(104);
    expect(stderr).toMatch(/`iterations` and `stages`/);
  });

  it('exit 107 under --strict-blocking or K6_LOCAL_STRICT_BLOCKING for blocking calls it cannot make wait', async () => {
    const script = scripts.write(`import http from 'k6/http';
export default function () {
  ['/a'].filter((path) => http.get(__ENV.BASE + path).status === 200);
}`);
    const name = script.split('/').pop();
    for (const [args, env] of [
      [['--strict-blocking'], {}],
      [[], { K6_LOCAL_STRICT_BLOCKING: 'true' }],
    ] as const) {
      const { code, stderr } = await k6Local(['run', '-q', ...args, '-e', `BASE=${target.url}`, script], {
        env,
      });
      expect(code).toBe(107);
      expect(stderr).toContain(`${name}:3:3: arrow function makes blocking calls and is passed to`);
      expect(stderr).not.toContain('TOTAL RESULTS');
    }
  });

  it("an unknown flag is exit 255 with k6's message, before anything runs", async () => {
    const script = scripts.write(`export default function () { throw new Error('must not run'); }`);
    const long = await k6Local(['run', '--no-such-flag', script]);
    expect(long.code).toBe(255);
    expect(long.stderr).toContain('unknown flag: --no-such-flag');
    expect(long.stderr).not.toContain('must not run');
    const short = await k6Local(['run', '-Z', script]);
    expect(short.code).toBe(255);
    expect(short.stderr).toContain("unknown shorthand flag: 'Z' in -Z");
  });

  // Whatever the runner opened must not keep the process up (threads are counted in cleanup.test.ts).
  it('a throw while writing the summary still closes everything: the process exits by itself', async () => {
    // setup()'s blocking http.get starts the main thread's sync-HTTP helper thread; the VUs use the
    // agents of two worker threads; --time-series opens a file.
    const script = scripts.write(`import http from 'k6/http';
export const options = { vus: 4, iterations: 8 };
export function setup() { http.get(__ENV.BASE + '/setup'); }
export default async function () { await http.asyncRequest('GET', __ENV.BASE + '/cleanup'); }
export function handleSummary(data) { return { '/dev/null/cannot/summary.json': JSON.stringify(data) }; }`);
    const args = [
      'run',
      '-q',
      '--workers',
      '2',
      '--time-series',
      'cleanup.ndjson',
      '-e',
      `BASE=${target.url}`,
    ];
    const { code, stderr } = await k6Local([...args, script], { killAfterMs: 30_000 });
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/ENOTDIR|not a directory/i);
  });

  it('SIGINT stops gracefully: exit 105 and the summary is still written', async () => {
    const script = scripts.write(`import http from 'k6/http';
export const options = { vus: 2, duration: '60s' };
export default async function () { await http.asyncRequest('GET', __ENV.BASE); await new Promise((r) => setTimeout(r, 20)); }
export function handleSummary(data) { return { 'sigint.json': JSON.stringify(data.state) }; }`);
    // Interrupted once the VUs are sending (not after a fixed delay a busy machine's start-up can outlast).
    const hitsBefore = target.hits;
    let interruptedAt = 0;
    const { code, stderr } = await k6Local(['run', '-q', '-e', `BASE=${target.url}`, script], {
      killAfterMs: 60_000,
      onStart: (child) => {
        const poll = setInterval(() => {
          if (target.hits <= hitsBefore) return;
          clearInterval(poll);
          interruptedAt = Date.now();
          child.kill('SIGINT');
        }, 50);
        child.once('close', () => clearInterval(poll));
      },
    });
    expect(code, stderr).toBe(105);
    expect(interruptedAt).toBeGreaterThan(0);
    // Well before the 60 s the script would run: the interrupt, not the duration, ended it.
    expect(Date.now() - interruptedAt).toBeLessThan(30_000);
    expect(stderr).toMatch(/interrupted/);
    expect(existsSync(join(scripts.dir, 'sigint.json'))).toBe(true);
  });
});
