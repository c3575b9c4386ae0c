// A real Prometheus for the tests (Debian's `prometheus` package): started on loopback with its
// remote-write receiver on and the scrape jobs a test asks for, queried over its HTTP API, stopped
// and its data folder removed at the end. On a machine without the binaries, `prometheusSkip`
// says which tests are skipped and the one command that installs them.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const INSTALL_COMMAND = 'apt-get update && apt-get install -y --no-install-recommends prometheus';

function onPath(name: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? onPath('prometheus');
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? onPath('promtool');

/**
 * Pass to `describe.skipIf(...)`: true (and a line on stderr naming the suite and the install
 * command) when the binary is missing, so a skip is never silent.
 */
export function prometheusSkip(suite: string, binary: 'prometheus' | 'promtool' = 'prometheus'): boolean {
  const found = binary === 'prometheus' ? PROMETHEUS_BIN : PROMTOOL_BIN;
  if (found) return false;
  process.stderr.write(
    `SKIPPED "${suite}": Debian's ${binary} is not installed here. Install it with: ${INSTALL_COMMAND}\n`,
  );
  return true;
}

export interface ScrapeJob {
  name: string;
  /** host:port targets. */
  targets: string[];
  metricsPath?: string;
}

export interface RunningPrometheus {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** Remote-write receiver endpoint. */
  remoteWriteUrl: string;
  /** An instant query; `time` in Unix seconds (default now). Returns the result vector. */
  query(
    promql: string,
    time?: number,
  ): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Polls `query` until it returns a non-empty vector, or throws after `timeoutMs`. */
  waitFor(
    promql: string,
    timeoutMs?: number,
  ): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  stop(): Promise<void>;
}

/** A loopback port nothing listens on now (a later listener may still take it: tests accept that small race). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startPrometheus(options: { scrape?: ScrapeJob[]; scrapeIntervalS?: number } = {}) {
  if (!PROMETHEUS_BIN) throw new Error(`prometheus is not installed: ${INSTALL_COMMAND}`);
  const dir = mkdtempSync(join(tmpdir(), 'c4ang-prom-'));
  const interval = `${options.scrapeIntervalS ?? 1}s`;
  const config = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    scrape_configs: (options.scrape ?? []).map((job) => ({
      job_name: job.name,
      metrics_path: job.metricsPath ?? '/metrics',
      static_configs: [{ targets: job.targets }],
    })),
  };
  writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
      // Samples a test writes for "the last few minutes" must be accepted.
      '--storage.tsdb.retention.time=1d',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited at start:\n${log}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const query: RunningPrometheus['query'] = async (promql, time) => {
    const params = new URLSearchParams({ query: promql });
    if (time !== undefined) params.set('time', String(time));
    const res = await fetch(`${url}/api/v1/query?${params}`);
    const body = (await res.json()) as { status: string; error?: string; data?: { result: unknown } };
    if (body.status !== 'success') throw new Error(`query ${promql} failed: ${body.error}`);
    return body.data?.result as Awaited<ReturnType<RunningPrometheus['query']>>;
  };
  const running: RunningPrometheus = {
    url,
    remoteWriteUrl: `${url}/api/v1/write`,
    query,
    async waitFor(promql, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const result = await query(promql);
        if (result.length > 0) return result;
        if (Date.now() > until) throw new Error(`no result for ${promql} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    stop,
  };
  return running;
}
