// bench:runner — the local runner side by side with a bare undici loop, autocannon and wrk against
// the same loopback targets (a trivial node:http server and one with a fixed 50 ms delay), same
// connection count. Closed model on the fast target (throughput), open model (constant-arrival-rate
// ~1000 req/s) on the 50 ms target (latency fidelity vs wrk, arrival accuracy). A blocking-script row
// (`http.get`, made to wait per VU by the load-time transform) against the async row. `--long`: 10 min
// RSS growth. Default total < 2 min. Usage: npm run bench:runner [-- --long] [--seconds 8]
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import { runLocal } from '../src/runner/run.ts';

interface Row {
  tool: string;
  target: string;
  rps: number;
  p50: number;
  p99: number;
  note?: string;
}

const args = process.argv.slice(2);
const LONG = args.includes('--long');
const SECONDS = Number(args[args.indexOf('--seconds') + 1]) || 8;
const CONNECTIONS = 50;
const RATE = 1000;

const SERVER = `const http=require('node:http');const d=Number(process.argv[1]);const s=http.createServer((q,r)=>{const f=()=>r.end('{"ok":true}');d?setTimeout(f,d):f()});s.keepAliveTimeout=60000;s.listen(0,'127.0.0.1',()=>console.log(s.address().port));`;

async function startServer(delayMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER, String(delayMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) =>
    child.stdout?.once('data', (d) => resolve(String(d).trim())),
  );
  return { url: `http://127.0.0.1:${port}/`, child };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function bareUndici(url: string, seconds: number): Promise<Omit<Row, 'tool' | 'target'>> {
  const agent = new Agent({ connections: CONNECTIONS, keepAliveTimeout: 60_000 });
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        const res = await request(url, { dispatcher: agent });
        await res.body.text();
        latencies.push(performance.now() - start);
      }
    }),
  );
  await agent.close();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
}) => Promise<AutocannonResult>;

async function withAutocannon(url: string, seconds: number): Promise<Omit<Row, 'tool' | 'target'>> {
  // autocannon ships no types (and @types/autocannon is not installed): type the one call we use.
  const moduleName = 'autocannon';
  const autocannon = ((await import(moduleName)) as { default: Autocannon }).default;
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    note: 'latency in whole ms',
  };
}

async function withWrk(url: string, seconds: number): Promise<Omit<Row, 'tool' | 'target'> | undefined> {
  try {
    const { stdout } = await promisify(execFile)(
      'wrk',
      ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', url],
      { timeout: (seconds + 20) * 1000 },
    );
    const ms = (label: string) => {
      const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
      return m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : Number.NaN;
    };
    return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]), p50: ms('50%'), p99: ms('99%') };
  } catch {
    return undefined;
  }
}

/** The iteration: k6's async API, or the blocking one most k6 scripts use. */
const ITERATION = {
  async: (url: string) =>
    `export default async function () { await http.asyncRequest('GET', ${JSON.stringify(url)}); }`,
  blocking: (url: string) => `export default function () { http.get(${JSON.stringify(url)}); }`,
};

async function withRunner(
  dir: string,
  url: string,
  scenario: string,
  seconds: number,
  iteration: keyof typeof ITERATION = 'async',
): Promise<Omit<Row, 'tool' | 'target'> & { iterations: number; dropped: number; lagP99: number }> {
  const script = join(dir, `bench-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(
    script,
    `import http from 'k6/http';
export const options = { scenarios: { bench: ${scenario} }, summaryTrendStats: ['med', 'p(99)'], discardResponseBodies: true };
${ITERATION[iteration](url)}`,
  );
  const { summaryData } = await runLocal({
    scriptPath: script,
    stdout: () => undefined,
    stderr: () => undefined,
    quiet: true,
    workers: 1,
  });
  const m = summaryData.metrics;
  const values = (key: string) => m[key]?.values ?? {};
  return {
    rps: (values('http_reqs').count ?? 0) / seconds,
    p50: values('http_req_duration').med ?? 0,
    p99: values('http_req_duration')['p(99)'] ?? 0,
    iterations: values('iterations').count ?? 0,
    dropped: values('dropped_iterations').count ?? 0,
    lagP99: values('local_iteration_start_lag')['p(99)'] ?? 0,
  };
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-runner-'));
  const fast = await startServer(0);
  const slow = await startServer(50);
  const rows: Row[] = [];
  try {
    const seconds = SECONDS;
    const closed = `{ executor: 'constant-vus', vus: ${CONNECTIONS}, duration: '${seconds}s', gracefulStop: '2s' }`;
    await withRunner(dir, fast.url, `{ executor: 'constant-vus', vus: ${CONNECTIONS}, duration: '2s' }`, 2); // warm-up
    rows.push({
      tool: 'k6-local (constant-vus)',
      target: 'fast',
      ...(await withRunner(dir, fast.url, closed, seconds)),
    });
    // Measured right after the async row, so the two see the same machine; listed after the peers.
    const blocking = await withRunner(dir, fast.url, closed, seconds, 'blocking');
    rows.push({ tool: 'bare undici loop', target: 'fast', ...(await bareUndici(fast.url, seconds)) });
    rows.push({ tool: 'autocannon', target: 'fast', ...(await withAutocannon(fast.url, seconds)) });
    const wrkFast = await withWrk(fast.url, seconds);
    rows.push(
      wrkFast
        ? { tool: 'wrk -t2', target: 'fast', ...wrkFast }
        : {
            tool: 'wrk',
            target: 'fast',
            rps: Number.NaN,
            p50: Number.NaN,
            p99: Number.NaN,
            note: 'not installed: skipped',
          },
    );
    rows.push({ tool: 'k6-local blocking http.get (constant-vus)', target: 'fast', ...blocking });
    const openSeconds = seconds + 2;
    const open = await withRunner(
      dir,
      slow.url,
      `{ executor: 'constant-arrival-rate', rate: ${RATE}, timeUnit: '1s', duration: '${openSeconds}s', preAllocatedVUs: 100, maxVUs: 300 }`,
      openSeconds,
    );
    rows.push({ tool: 'k6-local (constant-arrival-rate 1000/s)', target: '50ms', ...open });
    const wrkSlow = await withWrk(slow.url, openSeconds);
    if (wrkSlow) rows.push({ tool: 'wrk -t2 (≈1000/s closed)', target: '50ms', ...wrkSlow });

    process.stdout.write(
      `\n| tool | target | req/s | p50 ms | p99 ms | note |\n|---|---|---:|---:|---:|---|\n`,
    );
    for (const r of rows)
      process.stdout.write(
        `| ${r.tool} | ${r.target} | ${fmt(r.rps, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${r.note ?? ''} |\n`,
      );
    const [runner, bare, cannon] = rows;
    const accuracy = open.iterations / (RATE * openSeconds);
    process.stdout.write('\nGoals:\n');
    process.stdout.write(
      `  runner/bare undici req/s = ${fmt((runner!.rps / bare!.rps) * 100)} % (goal >= 75 %) ${verdict(runner!.rps >= 0.75 * bare!.rps)}\n`,
    );
    process.stdout.write(
      `  runner/autocannon req/s  = ${fmt((runner!.rps / cannon!.rps) * 100)} % (goal >= 50 %) ${verdict(runner!.rps >= 0.5 * cannon!.rps)}\n`,
    );
    process.stdout.write(
      `  blocking/async req/s     = ${fmt((blocking.rps / runner!.rps) * 100)} % (goal >= 95 %) ${verdict(blocking.rps >= 0.95 * runner!.rps)}\n`,
    );
    process.stdout.write(
      `  arrival accuracy         = ${fmt(accuracy * 100, 2)} % of ${RATE * openSeconds} (goal within 1 %) ${verdict(Math.abs(1 - accuracy) <= 0.01)}; dropped ${open.dropped}, start lag p99 ${fmt(open.lagP99, 2)} ms\n`,
    );
    if (wrkSlow) {
      const d50 = (open.p50 / wrkSlow.p50 - 1) * 100;
      const d99 = (open.p99 / wrkSlow.p99 - 1) * 100;
      process.stdout.write(
        `  50 ms target vs wrk      = p50 ${fmt(d50, 2)} % (goal |Δ| <= 2 %) ${verdict(Math.abs(d50) <= 2)}, p99 ${fmt(d99, 2)} % (goal |Δ| <= 5 %) ${verdict(Math.abs(d99) <= 5)}\n`,
      );
    } else
      process.stdout.write(
        '  50 ms target vs wrk      = skipped (wrk not installed; `apt-get install -y wrk`)\n',
      );
    if (LONG) {
      // Sample RSS every 10 s while the 10-minute run is going (not after it): memory must not grow
      // with run length once warm, since trends are HDR histograms and the time series is streamed.
      const samples: number[] = [];
      const sampler = setInterval(() => samples.push(process.memoryUsage().rss), 10_000);
      await withRunner(
        dir,
        fast.url,
        `{ executor: 'constant-vus', vus: ${CONNECTIONS}, duration: '600s' }`,
        600,
      );
      clearInterval(sampler);
      const mib = (bytes: number) => bytes / 2 ** 20;
      const afterWarmUp = samples[5] ?? samples[0] ?? 0;
      const lastMinuteMax = Math.max(...samples.slice(-6));
      const growth = (lastMinuteMax / afterWarmUp - 1) * 100;
      process.stdout.write(
        `  long mode RSS: after 60 s warm-up ${fmt(mib(afterWarmUp))} MiB, max in the last minute ${fmt(mib(lastMinuteMax))} MiB, ` +
          `peak ${fmt(mib(Math.max(...samples)))} MiB → growth ${fmt(growth, 1)} % (goal < 10 %) ${verdict(growth < 10)}\n`,
      );
    }
  } finally {
    fast.child.kill();
    slow.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
