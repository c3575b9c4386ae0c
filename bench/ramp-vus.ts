// bench:ramp — does the local runner keep a ramping-vus schedule at 10,000 VUs? A trivial loopback
// HTTP server (its own process, 127.0.0.1 only) and `k6-local run` (its own process, so its RSS is the
// harness's alone) with a ramp 0 → N VUs, a hold and a ramp down; each VU does one tiny request and a
// k6/timers pause. Prints planned vs actual end, planned vs actual peak VUs, vus_max, the harness's
// peak RSS, the worst per-second event-loop delay and the live lag warnings. Bounded: the runner is
// killed at planned end + gracefulStop + BOUND_SLACK_S. Usage: npm run bench:ramp [-- --vus 10000
// --ramp-s 10 --hold-s 5 --down-s 5 --pause-ms 2000 --workers N]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({
  options: {
    vus: { type: 'string', default: '10000' },
    'ramp-s': { type: 'string', default: '10' },
    'hold-s': { type: 'string', default: '5' },
    'down-s': { type: 'string', default: '5' },
    'pause-ms': { type: 'string', default: '2000' },
    'graceful-stop-s': { type: 'string', default: '5' },
    workers: { type: 'string' },
  },
});
const VUS = Number(flags.vus);
const RAMP_S = Number(flags['ramp-s']);
const HOLD_S = Number(flags['hold-s']);
const DOWN_S = Number(flags['down-s']);
const PAUSE_MS = Number(flags['pause-ms']);
const GRACEFUL_STOP_S = Number(flags['graceful-stop-s']);
const PLANNED_S = RAMP_S + HOLD_S + DOWN_S;
/** Past planned end + gracefulStop the runner has already broken its contract; this much more is for init and the summary. */
const BOUND_SLACK_S = 60;
const BIN = resolve(import.meta.dirname, '../bin/k6-local.mjs');

const SERVER = `const http=require('node:http');const s=http.createServer((q,r)=>{q.resume();r.end('{"ok":true}')});s.keepAliveTimeout=60000;s.listen(0,'127.0.0.1',()=>console.log(s.address().port));`;

// A k6/timers pause, not sleep(): sleep() blocks every VU of a local-runner thread.
const SCRIPT = `import http from 'k6/http';
import { setTimeout } from 'k6/timers';
export const options = {
  scenarios: {
    ramp: {
      executor: 'ramping-vus', startVUs: 0, gracefulRampDown: '${GRACEFUL_STOP_S}s', gracefulStop: '${GRACEFUL_STOP_S}s',
      stages: [{ duration: '${RAMP_S}s', target: ${VUS} }, { duration: '${HOLD_S}s', target: ${VUS} }, { duration: '${DOWN_S}s', target: 0 }],
    },
  },
};
export default async function () {
  await http.asyncRequest('GET', __ENV.BASE + '/tiny');
  await new Promise((r) => setTimeout(r, ${PAUSE_MS}));
}
export function handleSummary(data) { return { [__ENV.OUT]: JSON.stringify(data) }; }`;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((done) => child.stdout?.once('data', (d) => done(String(d).trim())));
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Peak resident set of a live process (kB → MiB), from Linux's VmHWM; 0 elsewhere or once it exited. */
function peakRssMiB(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

interface Outcome {
  exitCode: number | null;
  killed: boolean;
  wallS: number;
  rssMiB: number;
  stderr: string;
}

function runRunner(dir: string, base: string, out: string): Promise<Outcome> {
  const script = join(dir, 'ramp.js');
  writeFileSync(script, SCRIPT);
  const args = [BIN, 'run', '-q', '-e', `BASE=${base}`, '-e', `OUT=${out}`, script];
  if (flags.workers) args.push('--workers', flags.workers);
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'], cwd: dir });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
    process.stderr.write(d);
  });
  let rssMiB = 0;
  let killed = false;
  const sampler = setInterval(() => {
    rssMiB = Math.max(rssMiB, peakRssMiB(child.pid as number));
  }, 250);
  const bound = setTimeout(
    () => {
      killed = true;
      child.kill('SIGKILL');
    },
    (PLANNED_S + GRACEFUL_STOP_S + BOUND_SLACK_S) * 1000 + 60_000,
  );
  return new Promise((done) =>
    child.on('close', (exitCode) => {
      clearInterval(sampler);
      clearTimeout(bound);
      done({ exitCode, killed, wallS: (performance.now() - started) / 1000, rssMiB, stderr });
    }),
  );
}

type Metrics = Record<string, { values: Record<string, number> }>;
const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits });

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ramp-'));
  const server = await startServer();
  const out = join(dir, 'summary.json');
  try {
    const o = await runRunner(dir, server.url, out);
    let summary: { metrics: Metrics; state: { testRunDurationMs: number } } | undefined;
    try {
      summary = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      summary = undefined;
    }
    const m = (name: string, stat: string) => summary?.metrics[name]?.values[stat];
    const actualS = summary ? summary.state.testRunDurationMs / 1000 : undefined;
    const lagLines = o.stderr.split('\n').filter((l) => l.includes('generator is behind'));
    const rows: [string, string][] = [
      ['planned test length', `${fmt(PLANNED_S)} s (ramp ${RAMP_S} s, hold ${HOLD_S} s, down ${DOWN_S} s)`],
      ['planned end + gracefulStop', `${fmt(PLANNED_S + GRACEFUL_STOP_S)} s`],
      ['actual test length', actualS === undefined ? 'no summary' : `${fmt(actualS, 2)} s`],
      ['end overrun (actual − planned)', actualS === undefined ? '—' : `${fmt(actualS - PLANNED_S, 2)} s`],
      [
        'wall time of k6-local (init + run + summary)',
        `${fmt(o.wallS)} s${o.killed ? ' (KILLED at bound)' : ''}`,
      ],
      ['exit code', String(o.exitCode)],
      ['peak VUs planned / actual (vus max)', `${fmt(VUS, 0)} / ${fmt(m('vus', 'max'), 0)}`],
      ['vus_max', fmt(m('vus_max', 'value'), 0)],
      ['iterations / http_reqs', `${fmt(m('iterations', 'count'), 0)} / ${fmt(m('http_reqs', 'count'), 0)}`],
      ['http_req_duration p(95)', `${fmt(m('http_req_duration', 'p(95)'), 2)} ms`],
      ['event-loop delay, worst second p99', `${fmt(m('local_event_loop_delay', 'max'), 1)} ms`],
      [
        'VU start lag p(95) / max',
        `${fmt(m('local_iteration_start_lag', 'p(95)'), 1)} / ${fmt(m('local_iteration_start_lag', 'max'), 1)} ms`,
      ],
      ['harness RSS peak', `${fmt(o.rssMiB, 0)} MiB`],
      ['live lag warnings', String(lagLines.length)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(
      `\nbench:ramp — ramping-vus to ${fmt(VUS, 0)} VUs, pause ${PAUSE_MS} ms per iteration\n`,
    );
    for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
  } finally {
    server.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
