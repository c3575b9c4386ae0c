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
import { CANARY_ROWS } from './bad-inputs/canary-rows.ts';
import { LOAD_ROWS } from './bad-inputs/load-rows.ts';
import type { Row } from './bad-inputs/row.ts';
import { TOOL_ROWS } from './bad-inputs/tool-rows.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONCURRENCY = 4;
/** Generous: the machine may be busy; a rejection normally takes 2–4 s (mostly Node + tsx startup). */
const BOUND_MS = 30_000;

const ROWS: readonly Row[] = [...LOAD_ROWS, ...TOOL_ROWS, ...CANARY_ROWS];

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
