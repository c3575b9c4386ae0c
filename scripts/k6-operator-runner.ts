// `k6 run` in a runner pod of a k6-operator run (deploy/k6-operator-runner.sh calls it): runs the real
// k6 ($K6_BIN) with the operator's arguments and reports the runner's aggregates in its log for the
// harness to merge. The profile's threshold keys (C4ANG_PERF_PROFILE, LOAD_SCALE, VU_SCALE, as the
// TestRun sets them) are aggregated over the whole run so the harness can judge them on the merged
// load. Exits with k6's exit code. Runs in: Node (tsx), inside the harness image.
import { reportK6Run } from '../src/engine/k6-operator/runner/report-k6-run.ts';
import { DEFAULT_REPORT_EVERY_S, REPORT_EVERY_ENV } from '../src/engine/k6-operator/operator-plan.ts';
import { buildOptions } from '../src/vu/options.ts';
import { PROFILE_NAMES, PROFILES, type ProfileName } from '../src/vu/profiles.ts';

const env = process.env;
const profile = env.C4ANG_PERF_PROFILE as ProfileName | undefined;
const scales = { loadScale: Number(env.LOAD_SCALE ?? 1) || 1, vuScale: Number(env.VU_SCALE ?? 1) || 1 };
// Without a known profile the runner still reports every metric; only its sub-metrics are missing.
const submetrics =
  profile && (PROFILE_NAMES as readonly string[]).includes(profile)
    ? Object.keys(buildOptions(PROFILES[profile], scales).thresholds ?? {})
    : [];
const everyS = Number(env[REPORT_EVERY_ENV] ?? DEFAULT_REPORT_EVERY_S);
const stop = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop.abort());

const code = await reportK6Run({
  k6Bin: env.K6_BIN || '/usr/bin/k6',
  args: process.argv.slice(2),
  env,
  reportEveryMs: (Number.isFinite(everyS) && everyS > 0 ? everyS : DEFAULT_REPORT_EVERY_S) * 1000,
  submetrics,
  writeLine: (line) => process.stdout.write(`${line}\n`),
  writeErrorLine: (line) => process.stderr.write(`${line}\n`),
  stop: stop.signal,
});
process.exitCode = code;
