// Prometheus remote write for harness runs, decided once for both engines: K6_PROMETHEUS_RW_SERVER_URL
// in the harness's environment turns the output on (real k6 gets `--out experimental-prometheus-rw`,
// the local runner its equivalent) and every other K6_PROMETHEUS_RW_* reaches the engine unchanged
// through its environment, as k6 reads them. Two defaults are the harness's own, each overridden by
// setting its variable: the trend stats are p(95) and p(99), not k6's p(99) alone, because the
// profiles' latency criteria use both and the dashboard (deploy/grafana/c4ang-perf.json) charts both;
// and every series carries `testid=<run id>` (K6_PROMETHEUS_RW_LABELS, k6's documented way to tell
// runs apart), so runs that share one Prometheus never blend into one another's counters.
// Runs in: Node.
import { readRemoteWriteConfig, SERVER_URL_ENV } from '../runner/output/prometheus-rw/rw-config.ts';

export const HARNESS_TREND_STATS = 'p(95),p(99)';
const TREND_STATS_ENV = 'K6_PROMETHEUS_RW_TREND_STATS';
const LABELS_ENV = 'K6_PROMETHEUS_RW_LABELS';

type Env = Readonly<Record<string, string | undefined>>;

export function remoteWriteEnabled(env: Env): boolean {
  return env[SERVER_URL_ENV] !== undefined && env[SERVER_URL_ENV] !== '';
}

/** The engine's environment: `env` plus the harness's defaults when remote write is on. */
export function withRemoteWriteDefaults(env: Env): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  if (!remoteWriteEnabled(env)) return out;
  out[TREND_STATS_ENV] ??= HARNESS_TREND_STATS;
  if (env.RUN_ID) out[LABELS_ENV] ??= `testid=${env.RUN_ID}`;
  return out;
}

/**
 * Problems of the K6_PROMETHEUS_RW_* settings for a run on `engine`, one line each naming the
 * variable (none when remote write is off): the validate phase refuses the run with them (exit 104).
 */
export function remoteWriteProblems(env: Env, engine: 'k6' | 'local' | undefined): string[] {
  if (!remoteWriteEnabled(env)) return [];
  return readRemoteWriteConfig(withRemoteWriteDefaults(env), { localRunner: engine === 'local' }).problems;
}
