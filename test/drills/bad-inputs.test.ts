// The catalogue of bad inputs: every flag, env var, chaos manifest, gate config, URL and path a user
// can get wrong, each run the way a user runs it (a real process of the npm script) and each required
// to be rejected within seconds, before anything starts, with exit 104 and a message naming the
// input. One row per bad input; placeholders in args, env and files: $RESULTS (the row's results
// root, also C4ANG_PERF_RESULTS), $FIX (the row's fixture folder), $HTTP404 (a local HTTP server that
// answers 404 everywhere). Drill tier: spawns ~75 processes, four at a time.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type {} from './run-drill.ts'; // TaskMeta.figures, for the drills table

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONCURRENCY = 4;
/** Generous: the machine may be busy; a rejection normally takes 2–4 s (mostly Node + tsx startup). */
const BOUND_MS = 30_000;
const isRoot = process.getuid?.() === 0;

interface Row {
  readonly name: string;
  /** An npm script name (`load:smoke`, `gate`, `chaos:apply`…) or a script path (`scripts/load.ts`). */
  readonly script: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Files written under $FIX before the run (name → content); a name ending in / is a folder. */
  readonly files?: Readonly<Record<string, string>>;
  /** Extra preparation (e.g. an existing run folder, a read-only folder). */
  readonly setup?: (dirs: { results: string; fix: string }) => void;
  /** stderr must match: it names the flag, env var, file or field. */
  readonly expect: RegExp;
  /** Text that must appear nowhere in the output (secrets). */
  readonly mustNotShow?: readonly string[];
  /** Run through `npm run --silent <script> -- args`, as a user types it. */
  readonly viaNpm?: boolean;
  readonly skip?: string;
}

const VALID_MANIFEST = 'chaos/pod-kill-order-service.yaml';
const POD_KILL = (spec: string, name = 'pod-kill-order-service') =>
  `apiVersion: chaos-mesh.org/v1alpha1\nkind: PodChaos\nmetadata:\n  name: ${name}\n  namespace: ecommerce\nspec:\n${spec}`;
const SELECTOR =
  '  selector:\n    namespaces:\n      - ecommerce\n    labelSelectors:\n      app.kubernetes.io/name: order-service\n';
/** chaos:apply rows: an admin URL nobody listens on, so a row that is not rejected touches nothing. */
const APPLY_SAFE = ['--admin-url', 'http://127.0.0.1:9'];

const ROWS: readonly Row[] = [
  // --- load flags -------------------------------------------------------------------------------
  { name: '--scale 0', script: 'load:smoke', args: ['--scale', '0'], expect: /--scale.*"0"/ },
  { name: '--scale 2', script: 'load:spike', args: ['--scale', '2'], expect: /--scale.*"2"/ },
  { name: '--scale abc', script: 'load:smoke', args: ['--scale', 'abc'], expect: /--scale.*"abc"/ },
  { name: '--vu-scale 11', script: 'load:spike', args: ['--vu-scale', '11'], expect: /--vu-scale.*"11"/ },
  { name: '--vu-scale 0', script: 'load:spike', args: ['--vu-scale', '0'], expect: /--vu-scale.*"0"/ },
  { name: '--workers 1.5', script: 'load:smoke', args: ['--workers', '1.5'], expect: /--workers.*"1\.5"/ },
  { name: '--workers 0', script: 'load:smoke', args: ['--workers', '0'], expect: /--workers.*"0"/ },
  { name: '--chaos-at 150', script: 'load:normal', args: ['--chaos-at', '150'], expect: /--chaos-at.*150/ },
  { name: '--chaos-at abc', script: 'load:normal', args: ['--chaos-at', 'abc'], expect: /--chaos-at.*abc/ },
  { name: '--engine bogus', script: 'load:smoke', args: ['--engine', 'bogus'], expect: /--engine.*bogus/ },
  {
    name: '--chaos-provider bogus',
    script: 'load:smoke',
    args: ['--chaos-provider', 'bogus'],
    expect: /--chaos-provider.*bogus/,
  },
  { name: '--seed -1', script: 'load:smoke', args: ['--seed', '-1'], expect: /--seed.*"-1"/ },
  { name: '--seed abc', script: 'load:smoke', args: ['--seed', 'abc'], expect: /--seed.*"abc"/ },
  { name: "--run-id '..'", script: 'load:smoke', args: ['--run-id', '..'], expect: /--run-id.*"\.\."/ },
  { name: "--run-id 'a/b'", script: 'load:smoke', args: ['--run-id', 'a/b'], expect: /--run-id.*"a\/b"/ },
  {
    name: '--run-id with a space',
    script: 'load:smoke',
    args: ['--run-id', 'a b'],
    expect: /--run-id.*"a b"/,
  },
  {
    name: '--run-id of an existing run folder',
    script: 'load:smoke',
    args: ['--run-id', 'taken-1'],
    setup: ({ results }) => mkdirSync(path.join(results, 'taken-1')),
    expect: /--run-id.*taken-1.*already exists/,
  },
  {
    name: '--target ftp://x',
    script: 'load:smoke',
    args: ['--target', 'ftp://x'],
    expect: /--target.*ftp:\/\/x/,
  },
  {
    name: "--target 'http://'",
    script: 'load:smoke',
    args: ['--target', 'http://'],
    expect: /--target.*"http:\/\/"/,
  },
  {
    name: '--target a closed port',
    script: 'load:smoke',
    args: ['--target', 'http://127.0.0.1:9'],
    expect: /--target.*cannot reach http:\/\/127\.0\.0\.1:9/,
  },
  {
    name: '--target a server that answers 404 everywhere',
    script: 'load:smoke',
    args: ['--target', '$HTTP404'],
    expect: /--target.*answered 404/,
  },
  {
    name: '--k6-bin /nonexistent',
    script: 'load:smoke',
    args: ['--k6-bin', '/nonexistent/k6'],
    expect: /--k6-bin.*\/nonexistent\/k6/,
  },
  {
    name: '--engine k6 without a k6 binary',
    script: 'load:smoke',
    args: ['--engine', 'k6'],
    env: { PATH: path.dirname(process.execPath) },
    expect: /--engine k6/,
  },
  {
    name: '--results-dir pointing at a file',
    script: 'load:smoke',
    args: ['--results-dir', '$FIX/a-file'],
    files: { 'a-file': 'not a folder\n' },
    expect: /--results-dir.*a-file/,
  },
  {
    name: '--results-dir unwritable',
    script: 'load:smoke',
    args: ['--results-dir', '$FIX/locked'],
    setup: ({ fix }) => {
      mkdirSync(path.join(fix, 'locked'));
      chmodSync(path.join(fix, 'locked'), 0o500);
    },
    expect: /--results-dir.*locked.*not writable/,
    ...(isRoot ? { skip: 'root ignores file modes' } : {}),
  },
  {
    name: 'unknown flag --bogus',
    script: 'load:smoke',
    args: ['--bogus'],
    expect: /unknown option '--bogus'/,
  },
  { name: 'an extra argument', script: 'load:smoke', args: ['extra'], expect: /too many arguments|extra/ },
  {
    name: 'missing profile',
    script: 'scripts/load.ts',
    args: [],
    expect: /missing required argument 'profile'/,
  },
  {
    name: 'unknown profile',
    script: 'scripts/load.ts',
    args: ['nosuch'],
    expect: /profile.*"nosuch"|nosuch.*profile/,
  },
  {
    name: 'several bad flags at once are all reported',
    script: 'load:smoke',
    args: ['--scale', '0', '--workers', '0', '--seed', 'abc', '--engine', 'bogus'],
    expect: /(?=[\s\S]*--scale)(?=[\s\S]*--workers)(?=[\s\S]*--seed)(?=[\s\S]*--engine)/,
  },
  {
    name: 'through npm run: --scale 0',
    script: 'load:spike',
    args: ['--scale', '0'],
    viaNpm: true,
    expect: /--scale.*"0"/,
  },
  // --- environment ------------------------------------------------------------------------------
  {
    name: 'LOAD_SCALE=abc',
    script: 'load:smoke',
    args: [],
    env: { LOAD_SCALE: 'abc' },
    expect: /LOAD_SCALE.*"abc"/,
  },
  { name: 'VU_SCALE=0', script: 'load:smoke', args: [], env: { VU_SCALE: '0' }, expect: /VU_SCALE.*"0"/ },
  { name: 'SEED=x', script: 'load:smoke', args: [], env: { SEED: 'x' }, expect: /SEED.*"x"/ },
  {
    name: 'BASE_URL=notaurl',
    script: 'load:smoke',
    args: [],
    env: { BASE_URL: 'notaurl' },
    expect: /BASE_URL.*notaurl/,
  },
  {
    name: "API_HOST='bad host'",
    script: 'load:smoke',
    args: [],
    env: { API_HOST: 'bad host' },
    expect: /API_HOST.*"bad host"/,
  },
  {
    name: 'AUTH_TOKEN with CR/LF (not echoed)',
    script: 'load:smoke',
    args: [],
    env: { AUTH_TOKEN: 'abc\r\nX-Evil: 1' },
    expect: /AUTH_TOKEN/,
    mustNotShow: ['X-Evil', 'abc\r', 'abc\\r'],
  },
  {
    name: 'C4ANG_PERF_ENGINE=bogus',
    script: 'load:smoke',
    args: [],
    env: { C4ANG_PERF_ENGINE: 'bogus' },
    expect: /C4ANG_PERF_ENGINE.*bogus/,
  },
  {
    name: 'C4ANG_PERF_CHAOS_PROVIDER=bogus',
    script: 'load:smoke',
    args: [],
    env: { C4ANG_PERF_CHAOS_PROVIDER: 'bogus' },
    expect: /C4ANG_PERF_CHAOS_PROVIDER.*bogus/,
  },
  {
    name: 'C4ANG_PERF_STANDIN_SLOWDOWN=0',
    script: 'load:smoke',
    args: [],
    env: { C4ANG_PERF_STANDIN_SLOWDOWN: '0' },
    expect: /C4ANG_PERF_STANDIN_SLOWDOWN.*"0"/,
  },
  {
    name: "RUN_ID='../x'",
    script: 'load:smoke',
    args: [],
    env: { RUN_ID: '../x' },
    expect: /RUN_ID.*"\.\.\/x"/,
  },
  {
    name: 'K6_BIN=/nonexistent',
    script: 'load:smoke',
    args: [],
    env: { K6_BIN: '/nonexistent/k6' },
    expect: /K6_BIN.*\/nonexistent\/k6/,
  },
  // --- chaos manifests of a load run ------------------------------------------------------------
  {
    name: '--chaos nonexistent.yaml',
    script: 'load:normal',
    args: ['--chaos', '$FIX/nonexistent.yaml'],
    expect: /nonexistent\.yaml.*cannot read|nonexistent\.yaml.*ENOENT/,
  },
  {
    name: '--chaos a YAML syntax error',
    script: 'load:normal',
    args: ['--chaos', '$FIX/pod-kill-order-service.yaml'],
    files: { 'pod-kill-order-service.yaml': `${POD_KILL(`  action: pod-kill\n  mode: [one\n${SELECTOR}`)}` },
    expect: /pod-kill-order-service\.yaml:\d+.*YAML/,
  },
  {
    name: '--chaos an unknown kind',
    script: 'load:normal',
    args: ['--chaos', 'test/fixtures/chaos/unknown-kind/disk-fill-order-service.yaml'],
    expect: /disk-fill-order-service\.yaml:2 kind:.*DiskChaos/,
  },
  {
    name: '--chaos PodChaos without a selector',
    script: 'load:normal',
    args: ['--chaos', '$FIX/pod-kill-order-service.yaml'],
    files: { 'pod-kill-order-service.yaml': POD_KILL('  action: pod-kill\n  mode: one\n') },
    expect: /pod-kill-order-service\.yaml:\d+ spec\.selector/,
  },
  {
    name: '--chaos duration 99999h',
    script: 'load:normal',
    args: ['--chaos', '$FIX/pod-failure-order-service.yaml'],
    files: {
      'pod-failure-order-service.yaml': POD_KILL(
        `  action: pod-failure\n  mode: one\n${SELECTOR}  duration: 99999h\n`,
        'pod-failure-order-service',
      ),
    },
    expect: /pod-failure-order-service\.yaml:\d+ spec\.duration/,
  },
  {
    name: '--chaos an empty file',
    script: 'load:normal',
    args: ['--chaos', '$FIX/empty.yaml'],
    files: { 'empty.yaml': '' },
    expect: /empty\.yaml/,
  },
  {
    name: '--chaos an empty folder',
    script: 'load:normal',
    args: ['--chaos', '$FIX/no-manifests'],
    files: { 'no-manifests/': '' },
    expect: /no-manifests/,
  },
  {
    name: '--chaos with the local provider and a real --target',
    script: 'load:normal',
    args: ['--target', '$HTTP404', '--chaos-provider', 'local', '--chaos', VALID_MANIFEST],
    expect: /--chaos-provider.*local/,
  },
  // --- chaos scripts ----------------------------------------------------------------------------
  {
    name: 'chaos:apply --hold abc',
    script: 'chaos:apply',
    args: [VALID_MANIFEST, '--hold', 'abc', ...APPLY_SAFE],
    expect: /--hold.*abc/,
  },
  {
    name: 'chaos:apply --provider bogus',
    script: 'chaos:apply',
    args: [VALID_MANIFEST, '--provider', 'bogus', ...APPLY_SAFE],
    expect: /--provider.*bogus/,
  },
  {
    name: 'chaos:apply --time-scale 0',
    script: 'chaos:apply',
    args: [VALID_MANIFEST, '--time-scale', '0', ...APPLY_SAFE],
    expect: /--time-scale.*0/,
  },
  {
    name: 'chaos:apply a nonexistent manifest',
    script: 'chaos:apply',
    args: ['$FIX/nosuch.yaml', ...APPLY_SAFE],
    expect: /nosuch\.yaml.*(cannot read|ENOENT)/,
  },
  {
    name: 'chaos:apply an unknown flag',
    script: 'chaos:apply',
    args: [VALID_MANIFEST, '--bogus', ...APPLY_SAFE],
    expect: /unknown option '--bogus'/,
  },
  {
    name: 'chaos:validate a bad file',
    script: 'chaos:validate',
    args: ['test/fixtures/chaos/missing-value/pod-kill-order-service.yaml'],
    expect: /pod-kill-order-service\.yaml:\d+ spec\.value/,
  },
  {
    name: 'through npm run: chaos:validate a bad file',
    script: 'chaos:validate',
    args: ['test/fixtures/chaos/bad-duration'],
    viaNpm: true,
    expect: /pod-failure-order-service\.yaml:\d+ spec\.duration/,
  },
  {
    name: 'chaos:clean --bogus',
    script: 'chaos:clean',
    args: ['--bogus'],
    expect: /unknown option '--bogus'/,
  },
  // --- target -----------------------------------------------------------------------------------
  { name: 'target --port abc', script: 'target', args: ['--port', 'abc'], expect: /--port.*abc/ },
  { name: 'target --port 70000', script: 'target', args: ['--port', '70000'], expect: /--port.*70000/ },
  { name: 'target --slowdown 0', script: 'target', args: ['--slowdown', '0'], expect: /--slowdown.*"0"/ },
  {
    name: 'target --host 0.0.0.0',
    script: 'target',
    args: ['--host', '0.0.0.0'],
    expect: /--host.*0\.0\.0\.0/,
  },
  { name: 'target --bogus', script: 'target', args: ['--bogus'], expect: /unknown option '--bogus'/ },
  {
    name: 'target C4ANG_PERF_STANDIN_SLOWDOWN=abc',
    script: 'target',
    args: ['--port', '0', '--admin-port', '0'],
    env: { C4ANG_PERF_STANDIN_SLOWDOWN: 'abc' },
    expect: /C4ANG_PERF_STANDIN_SLOWDOWN.*"abc"/,
  },
  // --- gate -------------------------------------------------------------------------------------
  {
    name: 'gate: a step with an unknown profile',
    script: 'gate',
    args: ['--config', 'test/fixtures/gate/unknown-profile/gate.config.yaml'],
    expect: /gate\.config\.yaml:\d+ steps\[1\]\.profile:.*"nromal"/,
  },
  {
    name: 'gate: many problems in one config, all reported',
    script: 'gate',
    args: ['--config', 'test/fixtures/gate/many-problems/gate.config.yaml'],
    expect:
      /(?=[\s\S]*:1 name:)(?=[\s\S]*colour)(?=[\s\S]*tolerances\.latencyNoise)(?=[\s\S]*steps\[0\]\.vuScale)(?=[\s\S]*steps\[1\]\.limits\.p90Ms)/,
  },
  {
    name: 'gate: a missing config file',
    script: 'gate',
    args: ['--config', '$FIX/nosuch.yaml'],
    expect: /nosuch\.yaml.*cannot read/,
  },
  {
    name: 'gate: a step with bad limits',
    script: 'gate',
    args: ['--config', '$FIX/gate.config.yaml'],
    files: {
      'gate.config.yaml': 'steps:\n  - profile: smoke\n    limits:\n      p95Ms: -5\n      errorRate: 2\n',
    },
    expect:
      /(?=[\s\S]*gate\.config\.yaml:4 steps\[0\]\.limits\.p95Ms)(?=[\s\S]*:5 steps\[0\]\.limits\.errorRate)/,
  },
  {
    name: 'gate: a YAML syntax error',
    script: 'gate',
    args: ['--config', '$FIX/gate.config.yaml'],
    files: { 'gate.config.yaml': 'steps:\n  - profile: smoke\n    limits: {p95Ms: 5\n' },
    expect: /gate\.config\.yaml:\d+ \(document\): YAML/,
  },
  {
    name: 'gate: a bad tolerance',
    script: 'gate',
    args: ['--config', 'test/fixtures/gate/bad-tolerances/gate.config.yaml'],
    expect: /gate\.config\.yaml:\d+ tolerances\.p95/,
  },
  {
    name: 'gate: a missing --baseline file',
    script: 'gate',
    args: ['--config', '$FIX/gate.config.yaml', '--baseline', '$FIX/nosuch-baseline.json'],
    files: { 'gate.config.yaml': 'steps:\n  - profile: smoke\n' },
    expect: /--baseline.*nosuch-baseline\.json/,
  },
  {
    name: 'gate --results-dir pointing at a file',
    script: 'gate',
    args: ['--config', '$FIX/gate.config.yaml', '--results-dir', '$FIX/a-file'],
    files: { 'gate.config.yaml': 'steps:\n  - profile: smoke\n', 'a-file': 'not a folder\n' },
    expect: /--results-dir.*a-file/,
  },
  { name: 'gate --bogus', script: 'gate', args: ['--bogus'], expect: /unknown option '--bogus'/ },
  // --- report -----------------------------------------------------------------------------------
  {
    name: 'report: a nonexistent run folder',
    script: 'report',
    args: ['no-such-run'],
    expect: /no-such-run/,
  },
];

// --------------------------------------------------------------------------------------------------

/** The command line of an npm script from package.json (`exec node --import tsx scripts/x.ts a`). */
function commandOf(script: string): string[] {
  if (script.startsWith('scripts/')) return ['--import', 'tsx', script];
  const scripts = (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const line = scripts[script];
  if (!line?.startsWith('exec node ')) throw new Error(`no npm script "${script}" of the form "exec node …"`);
  return line.slice('exec node '.length).split(/\s+/);
}

/** The parent's env without anything the harness reads (vitest even exports BASE_URL="/"). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (
      /^(BASE_URL|API_HOST|AUTH_TOKEN|LOAD_SCALE|VU_SCALE|RUN_ID|RESULTS_DIR|SEED|K6_BIN|GITHUB_STEP_SUMMARY)$/.test(
        name,
      ) ||
      name.startsWith('C4ANG_PERF_')
    )
      delete env[name];
  return env;
}

let slots = CONCURRENCY;
const waiting: (() => void)[] = [];
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots > 0) slots -= 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else slots += 1;
  }
}

interface Outcome {
  code: number | string;
  stdout: string;
  stderr: string;
  ms: number;
  killed: boolean;
  /** Processes of the row's process group still running seconds after it exited (`ps` lines). */
  leftRunning: string | undefined;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function run(row: Row, substitute: (text: string) => string, results: string): Promise<Outcome> {
  const args = row.args.map(substitute);
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    CI: 'true',
    C4ANG_PERF_RESULTS: results,
    ...Object.fromEntries(Object.entries(row.env ?? {}).map(([k, v]) => [k, substitute(v)])),
  };
  const started = Date.now();
  const child: ChildProcess = row.viaNpm
    ? spawn('npm', ['run', '--silent', row.script, '--', ...args], { cwd: ROOT, env, detached: true })
    : spawn(process.execPath, [...commandOf(row.script), ...args], { cwd: ROOT, env, detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let killed = false;
  // A row that is not rejected may have started a run or the stand-in: stop its whole process group.
  const timer = setTimeout(() => {
    killed = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, BOUND_MS * 2);
  return new Promise((resolve) => {
    child.once('close', async (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      // A helper of the toolchain (esbuild's service process) may outlive node by a moment; anything
      // still in the group seconds later was started by the row.
      let leftRunning: string | undefined;
      for (let waited = 0; groupAlive(child.pid!) && waited < 3000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      if (groupAlive(child.pid!)) {
        leftRunning = spawnSync('ps', ['-o', 'pid=,args=', '-g', String(child.pid)], {
          encoding: 'utf8',
        }).stdout;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      resolve({ code: code ?? signal ?? -1, stdout, stderr, ms, killed, leftRunning });
    });
  });
}

/** Run folders (with a run.json) and live-run files under `root`. */
function startedTraces(root: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  const traces: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (existsSync(path.join(root, entry.name, 'run.json'))) traces.push(`${entry.name}/run.json`);
    if (entry.name === 'live-runs')
      for (const name of readdirSync(path.join(root, entry.name)))
        if (name.endsWith('.json')) traces.push(`live-runs/${name}`);
  }
  return traces;
}

describe('bad inputs: rejected within seconds, before anything starts, exit 104, naming the input', () => {
  let server: Server;
  let http404 = '';
  const tmp = mkdtempSync(path.join(tmpdir(), 'c4ang-bad-inputs-'));

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.statusCode = 404;
      response.end('no route\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    http404 = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    for (const locked of readdirSync(tmp)) {
      const dir = path.join(tmp, locked, 'fix', 'locked');
      if (existsSync(dir)) chmodSync(dir, 0o700);
    }
  });

  test('the catalogue has at least 40 distinct bad inputs', ({ expect }) => {
    expect(new Set(ROWS.map((row) => row.name)).size).toBe(ROWS.length);
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  test.concurrent.for(ROWS.map((row, index) => ({ ...row, index })))(
    '$name',
    async (row, { expect, skip, task }) => {
      if (row.skip) skip(row.skip);
      const base = path.join(tmp, String(row.index).padStart(2, '0'));
      const results = path.join(base, 'results');
      const fix = path.join(base, 'fix');
      mkdirSync(results, { recursive: true });
      mkdirSync(fix, { recursive: true });
      const substitute = (text: string) =>
        text.replaceAll('$RESULTS', results).replaceAll('$FIX', fix).replaceAll('$HTTP404', http404);
      for (const [name, content] of Object.entries(row.files ?? {})) {
        if (name.endsWith('/')) mkdirSync(path.join(fix, name), { recursive: true });
        else writeFileSync(path.join(fix, name), substitute(content));
      }
      row.setup?.({ results, fix });

      const outcome = await withSlot(() => run(row, substitute, results));
      task.meta.figures = `exit ${outcome.code} in ${(outcome.ms / 1000).toFixed(1)} s`;
      const output = `${outcome.stdout}${outcome.stderr}`;
      const shown = `exit ${outcome.code} after ${outcome.ms} ms${outcome.killed ? ' (killed)' : ''}\n--- stderr\n${outcome.stderr}\n--- stdout\n${outcome.stdout}`;

      expect(outcome.code, shown).toBe(104);
      expect(outcome.stderr, shown).toMatch(row.expect);
      expect(outcome.ms, shown).toBeLessThan(BOUND_MS);
      expect(output, shown).not.toMatch(/starting the embedded/);
      expect(outcome.leftRunning, `${shown}\n(processes of the row were still running)`).toBeUndefined();
      for (const secret of row.mustNotShow ?? []) expect(output, shown).not.toContain(secret);
      const resultRoots = [
        results,
        ...row.args.flatMap((a, i) => (row.args[i - 1] === '--results-dir' ? [substitute(a)] : [])),
      ];
      for (const root of resultRoots) expect(startedTraces(root), shown).toEqual([]);
    },
  );
});
