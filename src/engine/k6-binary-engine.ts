// Runs a bundle on real k6 (`k6 run`). Short runs: k6 keeps its own summary and thresholds, and its
// `--out json` samples (gzipped to k6-samples.json.gz) become our per-second time series afterwards,
// so results read the same whichever engine ran. Long runs (request.k6Summary 'harness'): k6 runs
// without them and streams its samples to the harness, which keeps memory bounded
// (k6-stream/run-k6-streamed.ts). The flags match the k6 version the preflight found. With
// K6_PROMETHEUS_RW_SERVER_URL set, k6 also pushes to Prometheus (`--out experimental-prometheus-rw`).
// Runs in: Node (spawns k6).
import path from 'node:path';
import { ExitCode } from '../exit-codes.ts';
import { convertK6JsonToTimeSeries } from '../runner/output/k6-json-to-timeseries.ts';
import { runK6Streamed } from './k6-stream/run-k6-streamed.ts';
import { noSummaryFlags } from './k6-version/k6-requirements.ts';
import type { K6VersionInfo } from './k6-version/parse-k6-version.ts';
import { remoteWriteEnabled, withRemoteWriteDefaults } from './remote-write-env.ts';
import { spawnK6 } from './spawn-k6.ts';
import type { Engine, EngineRequest, EngineResult } from './types.ts';

/**
 * k6's own arguments for a request: raw samples as NDJSON to `samplesPath`, k6's summary and
 * thresholds off when the harness keeps them (flags as `k6` — the preflight's version — knows them),
 * and remote write when `env` (k6's environment, where k6 reads its K6_PROMETHEUS_RW_* settings)
 * names an endpoint. The VU env goes through k6's process environment (k6 run passes it to __ENV),
 * never `-e`: a command line is visible to every local user in `ps`, and AUTH_TOKEN is a secret.
 */
export function k6RunArgs(
  request: EngineRequest,
  samplesPath: string,
  env: Readonly<Record<string, string | undefined>> = {},
  k6?: K6VersionInfo,
): string[] {
  const args = ['run', '--include-system-env-vars'];
  if (request.k6Summary?.mode === 'harness') args.push(...noSummaryFlags(k6?.version));
  args.push('--out', `json=${samplesPath}`);
  if (remoteWriteEnabled(env)) args.push('--out', 'experimental-prometheus-rw');
  if (request.quiet) args.push('--quiet');
  args.push(request.bundlePath);
  return args;
}

export function createK6BinaryEngine(k6Path: string, reason: string, k6?: K6VersionInfo): Engine {
  return {
    name: 'k6',
    reason,
    async run(request): Promise<EngineResult> {
      if (request.signal.aborted) return { engine: 'k6', exitCode: ExitCode.interrupted, durationMs: 0 };
      const env = withRemoteWriteDefaults({ ...process.env, ...request.env });
      if (request.k6Summary?.mode === 'harness') {
        const args = (samplesPath: string) => k6RunArgs(request, samplesPath, env, k6);
        process.stderr.write(
          `k6 keeps no summary (${request.k6Summary.why}): it streams its samples and the harness computes thresholds and the summary (${noSummaryFlags(k6?.version).join(' ')})\n`,
        );
        return runK6Streamed({ k6Path, args, env, request });
      }
      const samplesPath = path.join(request.resultsDir, 'k6-samples.json.gz');
      const started = performance.now();
      const child = spawnK6(k6Path, k6RunArgs(request, samplesPath, env, k6), env, request);
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
