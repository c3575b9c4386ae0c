// Runs a bundle on real k6 (`k6 run`), then turns k6's `--out json` samples into our per-second time
// series so results read the same whichever engine ran; with K6_PROMETHEUS_RW_SERVER_URL set, k6 also
// pushes to Prometheus (`--out experimental-prometheus-rw`). Runs in: Node (spawns k6).
import path from 'node:path';
import { $ } from 'zx';
import { ExitCode } from '../exit-codes.ts';
import { convertK6JsonToTimeSeries } from '../runner/output/k6-json-to-timeseries.ts';
import { remoteWriteEnabled, withRemoteWriteDefaults } from './remote-write-env.ts';
import type { Engine, EngineRequest, EngineResult } from './types.ts';

/**
 * k6's own arguments for a request: raw samples as gzipped NDJSON, and remote write when `env` (k6's
 * environment, where k6 reads its K6_PROMETHEUS_RW_* settings) names an endpoint. The VU env goes
 * through k6's process environment (k6 run passes it to __ENV), never `-e`: a command line is
 * visible to every local user in `ps`, and AUTH_TOKEN is a secret.
 */
export function k6RunArgs(
  request: EngineRequest,
  samplesPath: string,
  env: Readonly<Record<string, string | undefined>> = {},
): string[] {
  const args = ['run', '--include-system-env-vars', '--out', `json=${samplesPath}`];
  if (remoteWriteEnabled(env)) args.push('--out', 'experimental-prometheus-rw');
  if (request.quiet) args.push('--quiet');
  args.push(request.bundlePath);
  return args;
}

export function createK6BinaryEngine(k6Path: string, reason: string): Engine {
  return {
    name: 'k6',
    reason,
    async run(request): Promise<EngineResult> {
      const samplesPath = path.join(request.resultsDir, 'k6-samples.json.gz');
      const started = performance.now();
      if (request.signal.aborted) return { engine: 'k6', exitCode: ExitCode.interrupted, durationMs: 0 };
      // k6 handles one SIGINT itself (stops, runs handleSummary, exits 105) but a second one makes it
      // exit at once without a summary. Its own process group keeps the terminal's Ctrl-C away from
      // it, so it gets exactly the one SIGINT forwarded below.
      const env = withRemoteWriteDefaults({ ...process.env, ...request.env });
      const child = $({
        nothrow: true,
        quiet: false,
        detached: true,
        stdio: ['ignore', 'inherit', 'inherit'],
        killSignal: 'SIGINT',
        env,
      })`${k6Path} ${k6RunArgs(request, samplesPath, env)}`;
      if (child.pid !== undefined) request.onSpawn?.(child.pid);
      const onAbort = () => void child.kill('SIGINT');
      request.signal.addEventListener('abort', onAbort, { once: true });
      const output = await child;
      request.signal.removeEventListener('abort', onAbort);
      await convertK6JsonToTimeSeries(samplesPath, request.timeSeriesPath).catch((error: unknown) => {
        process.stderr.write(`warning: no time series from k6 samples (${(error as Error).message})\n`);
      });
      return { engine: 'k6', exitCode: output.exitCode ?? 1, durationMs: performance.now() - started };
    },
  };
}
