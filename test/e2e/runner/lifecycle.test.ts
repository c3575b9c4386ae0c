// setup/teardown/handleSummary, thresholds and k6's exit codes through runLocal().
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../src/errors.ts';
import { runLocal } from '../../../src/runner/run.ts';
import { metricValue, ScriptDir, type TestTarget, serveTestTarget } from './runner-harness.ts';

let target: TestTarget;
const scripts = new ScriptDir();
serveTestTarget(scripts, (started) => {
  target = started;
});

const exitCodeOfRejection = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HarnessError);
    return { code: (error as HarnessError).exitCode, message: (error as Error).message };
  }
  throw new Error('expected the run to be rejected');
};

describe('lifecycle and exit codes', () => {
  it('setup data reaches every VU (deep copy) and teardown; checks, groups and tags land in the summary', async () => {
    const summaryPath = scripts.path('out/summary.json');
    const run = await scripts.run(
      `import http from 'k6/http';
import { check, group } from 'k6';
export const options = { vus: 2, iterations: 6, thresholds: { checks: ['rate==1'], 'http_req_duration{name:item}': ['p(99)<2000'] } };
export function setup() { return { base: __ENV.BASE, n: 1 }; }
export default async function (data) {
  data.n++; // a per-VU copy: must not leak to other VUs or teardown
  const res = await http.asyncRequest('GET', data.base + '/items/1', null, { tags: { name: 'item' } });
  check(res, { 'is 200': (r) => r.status === 200, 'has id': (r) => r.json('items.0.id') === 7, 'header': (r) => r.headers['X-Request-Id'] === 'abc' });
  group('browse', () => { check(null, { 'in group': () => true }); });
}
export function teardown(data) { if (data.n !== 1) throw new Error('setup data was mutated: ' + data.n); }
export function handleSummary(data) { return { stdout: 'custom summary\\n', ${JSON.stringify(summaryPath)}: JSON.stringify(data) }; }`,
      { env: { BASE: target.url } },
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('custom summary\n');
    const data = JSON.parse(readFileSync(summaryPath, 'utf8'));
    expect(data.setup_data).toEqual({ base: target.url, n: 1 });
    expect(data.root_group.checks.map((c: { name: string; passes: number }) => [c.name, c.passes])).toEqual([
      ['is 200', 6],
      ['has id', 6],
      ['header', 6],
    ]);
    expect(data.root_group.groups[0]).toMatchObject({ name: 'browse', path: '::browse' });
    expect(data.metrics['http_req_duration{name:item}'].thresholds).toEqual({ 'p(99)<2000': { ok: true } });
    expect(data.metrics.group_duration.values.avg).toBeGreaterThanOrEqual(0);
  });

  it('thresholds that fail at the end give exit 99', async () => {
    const run = await scripts.run(
      `import http from 'k6/http';
export const options = { iterations: 3, thresholds: { http_reqs: ['count>100'] } };
export default async function () { await http.asyncRequest('GET', __ENV.BASE); }`,
      { env: { BASE: target.url } },
    );
    expect(run.exitCode).toBe(99);
    expect(run.summaryData.metrics.http_reqs?.thresholds).toEqual({ 'count>100': { ok: false } });
  });

  it('--no-thresholds skips evaluation (exit 0)', async () => {
    const run = await scripts.run(
      `export const options = { iterations: 1, thresholds: { iterations: ['count>100'] } };
export default function () {}`,
      { noThresholds: true },
    );
    expect(run.exitCode).toBe(0);
  });

  it('abortOnFail stops the run early with exit 99', async () => {
    target.setDelayMs(30);
    try {
      const run = await scripts.run(
        `import http from 'k6/http';
export const options = { vus: 2, duration: '20s', thresholds: { http_req_duration: [{ threshold: 'p(95)<1', abortOnFail: true }] } };
export default async function () { await http.asyncRequest('GET', __ENV.BASE); }`,
        { env: { BASE: target.url } },
      );
      expect(run.exitCode).toBe(99);
      expect(run.durationMs).toBeLessThan(5000);
      expect(run.stderr).toMatch(/abortOnFail/);
    } finally {
      target.setDelayMs(0);
    }
  });

  it('exec.test.abort() stops the run with exit 108, summary still built', async () => {
    const run = await scripts.run(
      `import exec from 'k6/execution';
export const options = { vus: 1, duration: '20s' };
export default function () { if (exec.scenario.iterationInTest === 3) exec.test.abort('enough'); }`,
    );
    expect(run.exitCode).toBe(108);
    expect(run.durationMs).toBeLessThan(3000);
    expect(run.stderr).toMatch(/test aborted: enough/);
    expect(run.stdout).toMatch(/iterations/);
  });

  it('an exception inside an iteration is logged, not a crash', async () => {
    const run = await scripts.run(`export const options = { iterations: 5 };
export default function () { throw new Error('kaput'); }`);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/ERRO\[\d+\] kaput/);
    expect(metricValue(run, 'iterations', 'count')).toBe(5);
  });

  it('an exception in the init context is exit 107, before any load', async () => {
    const failure = await exitCodeOfRejection(
      scripts.run(`throw new Error('broken init');\nexport default function () {}`),
    );
    expect(failure.code).toBe(107);
    expect(failure.message).toMatch(/broken init/);
  });

  it('an exception in setup() is exit 107', async () => {
    const failure = await exitCodeOfRejection(
      scripts.run(`export function setup() { throw new Error('no setup'); }\nexport default function () {}`),
    );
    expect(failure.code).toBe(107);
    expect(failure.message).toMatch(/setup\(\) failed: no setup/);
  });

  it.each([['k6/browser'], ['node:fs'], ['https://jslib.k6.io/k6-utils/1.4.0/index.js'], ['k6/x/disruptor']])(
    'importing %s fails before the run with exit 107 naming it',
    async (module) => {
      const failure = await exitCodeOfRejection(
        scripts.run(`import x from '${module}';\nexport default function () { x; }`),
      );
      expect(failure.code).toBe(107);
      expect(failure.message).toContain(`'${module}'`);
    },
  );

  it('invalid options are exit 104 naming every field', async () => {
    const failure = await exitCodeOfRejection(
      scripts.run(`export const options = {
  scenarios: { a: { executor: 'constant-vus', vus: 0, duration: 'soon' } },
  thresholds: { nope_metric: ['p(95)<1'] },
  hosts: { 'a.b': '127.0.0.1' },
};
export default function () {}`),
    );
    expect(failure.code).toBe(104);
    expect(failure.message).toMatch(/options\.scenarios\.a\.vus/);
    expect(failure.message).toMatch(/options\.scenarios\.a\.duration/);
    expect(failure.message).toMatch(/nope_metric/);
    expect(failure.message).toMatch(/options\.hosts: not supported/);
  });

  it('an abort signal interrupts with exit 105 and still writes handleSummary files', async () => {
    const summaryPath = scripts.path('interrupted.json');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 700);
    const run = await scripts.run(
      `export const options = { vus: 2, duration: '30s' };
export default async function () { await new Promise((r) => setTimeout(r, 50)); }
export function handleSummary(data) { return { ${JSON.stringify(summaryPath)}: JSON.stringify(data.metrics.iterations) }; }`,
      { signal: controller.signal },
    );
    expect(run.exitCode).toBe(105);
    expect(run.durationMs).toBeLessThan(3000);
    expect(existsSync(summaryPath)).toBe(true);
  });

  it('http errors resolve with status 0 and k6 error codes; http_req_failed counts them', async () => {
    const run = await scripts.run(
      `import http from 'k6/http';
import { check } from 'k6';
export const options = { iterations: 2 };
export default async function () {
  const refused = await http.asyncRequest('GET', 'http://127.0.0.1:1/');
  check(refused, { 'status 0': (r) => r.status === 0, 'code 1212': (r) => r.error_code === 1212 });
  const notFound = await http.asyncRequest('GET', __ENV.BASE + '/status/404', null, { responseCallback: http.expectedStatuses(200, 404) });
  check(notFound, { '404 expected': (r) => r.status === 404 });
  const slow = await http.asyncRequest('GET', __ENV.BASE + '/status/500', null, { timeout: '2s' });
  check(slow, { '500 unexpected': (r) => r.status === 500 });
}`,
      { env: { BASE: target.url } },
    );
    expect(metricValue(run, 'checks', 'rate')).toBe(1);
    // refused + 500 fail, 404 is expected → 4 of 6 failed... 2 refused + 2×500 = 4 failures out of 6
    expect(metricValue(run, 'http_req_failed', 'passes')).toBe(4);
    expect(metricValue(run, 'http_reqs', 'count')).toBe(6);
  });

  it('runs a .ts script with a relative import; __VU/__ITER/__ENV work; stack lines point at the script', async () => {
    const helper = scripts.write(`export const label = (n: number): string => 'vu-' + n;`, 'ts');
    const path = scripts.write(
      `import { Counter } from 'k6/metrics';
import { label } from './${helper.split('/').pop()}';
const seen = new Counter('seen');
export const options = { vus: 2, iterations: 4 };
export default function (): void {
  seen.add(1, { who: label(__VU), iter: String(__ITER), env: __ENV.WHO ?? 'none' });
  if (__ITER === 0) {
    throw new Error('typed failure');
  }
}`,
      'ts',
    );
    let stderr = '';
    const result = await runLocal({
      scriptPath: path,
      env: { WHO: 'tester' },
      stdout: () => undefined,
      stderr: (t) => {
        stderr += t;
      },
    });
    expect(result.exitCode).toBe(0);
    expect(result.summaryData.metrics.seen?.values.count).toBe(4);
    expect(stderr).toContain(`typed failure\n\tat `);
    expect(stderr).toContain(`${path.split('/').pop()}:8:`);
  });

  it('sync http.get to a closed port is status 0 / 1212; sleep() warns on the blocking path only', async () => {
    const script = `import http from 'k6/http';
import { check, sleep } from 'k6';
export const options = { iterations: 1 };
export default function () { sleep(0.01); check(http.get('http://127.0.0.1:1'), { refused: (r) => r.status === 0 && r.error_code === 1212 }); }`;
    const awaited = await scripts.run(script);
    expect(metricValue(awaited, 'checks', 'passes')).toBe(1);
    expect(awaited.stderr).not.toContain('sleep() was called');
    // Object.keys() gets the module object: the transform falls back to the blocking path.
    const blocking = await scripts.run(`${script}\nObject.keys(http);`);
    expect(metricValue(blocking, 'checks', 'passes')).toBe(1);
    expect(blocking.stderr).toContain('sleep() was called');
  });
});
