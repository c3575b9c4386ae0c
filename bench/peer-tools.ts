// The peers bench:runner measures the local runner against, and its loopback targets: a node:http
// server (instant or with a fixed delay) in a child process, a bare undici loop, autocannon and wrk
// (skipped when not installed); and the machine's load, noted beside every row. Runs in: Node (bench).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';

/** What one tool measured: requests per second and latency percentiles in ms. */
export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  note?: string;
}

/** Connections (and VUs) of every closed-model row. */
export const CONNECTIONS = 50;

const SERVER = `const http=require('node:http');const d=Number(process.argv[1]);const s=http.createServer((q,r)=>{const f=()=>r.end('{"ok":true}');d?setTimeout(f,d):f()});s.keepAliveTimeout=60000;s.listen(0,'127.0.0.1',()=>console.log(s.address().port));`;

export async function startServer(delayMs: number): Promise<{ url: string; child: ChildProcess }> {
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

/**
 * The runner's Agent options (http-agent.ts) minus its connect timing, so the reference pays for
 * nothing the runner skips: earlier this loop left undici's default 300 s headers/body timeouts on
 * (timers per request the runner does not arm) and so was a weaker reference than intended.
 */
const RUNNER_AGENT_OPTIONS = {
  connections: CONNECTIONS,
  pipelining: 1,
  keepAliveTimeout: 60_000,
  keepAliveMaxTimeout: 600_000,
  headersTimeout: 0,
  bodyTimeout: 0,
} as const;

export async function bareUndici(url: string, seconds: number): Promise<Figures> {
  const agent = new Agent(RUNNER_AGENT_OPTIONS);
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

export async function withAutocannon(url: string, seconds: number): Promise<Figures> {
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

export async function withWrk(url: string, seconds: number): Promise<Figures | undefined> {
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

/** Load average (1 min) and CPU pressure (PSI some avg10, % of time tasks waited for a CPU). */
export function machineLoad(): string {
  let pressure = 'n/a';
  try {
    pressure = `${/some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? 'n/a'} %`;
  } catch {
    // no PSI on this kernel
  }
  return `load avg ${loadavg()[0]!.toFixed(2)}, CPU pressure ${pressure}`;
}
