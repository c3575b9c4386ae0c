// The script's side of a summary computed by the harness: with its summary off, k6 never calls the
// bundle's handleSummary, so the harness runs the bundle's init context once in the local runner
// (same __ENV as k6 gets) to read its thresholds, summary settings and custom metrics, and later
// hands handleSummary the data computed from the stream — summary.json, summary.txt and the printed
// text then come from the script exactly as on any other run. Runs in: Node.
import type { MetricType, ValueContains } from '../../runner/metrics/types.ts';
import { prepareRun } from '../../runner/prepare-run.ts';
import { createRunLogger } from '../../runner/run-logger.ts';
import type { SummaryData } from '../../runner/summary/summary-data.ts';
import type { ThresholdSpec } from '../../runner/thresholds/parse-threshold.ts';
import { describeMetrics } from '../../runner/thread-runner.ts';
import type { Vu } from '../../runner/vu.ts';
import { writeSummary } from '../../runner/write-summary.ts';

export interface ScriptSummary {
  readonly thresholds: readonly ThresholdSpec[];
  /** Every metric key the thresholds name (their `[]` entries too): the sub-metrics to aggregate. */
  readonly thresholdKeys: readonly string[];
  /** Custom metrics the init context created. */
  readonly metrics: readonly { name: string; type: MetricType; contains: ValueContains }[];
  readonly summaryTrendStats: readonly string[];
  readonly summaryTimeUnit?: string;
  readonly handleSummaryTimeoutMs: number;
  /** The init-context VU whose exports include handleSummary. */
  readonly vu: Vu;
}

/** Loads `scriptPath` with `env` as __ENV; script and option errors throw as for the local runner (107/104). */
export async function loadScriptSummary(
  scriptPath: string,
  env: Record<string, string>,
  writeLog: (text: string) => void = (text) => void process.stderr.write(text),
): Promise<ScriptSummary> {
  const logger = createRunLogger(writeLog, () => Date.now());
  const prepared = await prepareRun({
    scriptPath,
    env,
    overrides: {},
    timeSeries: false,
    hooks: { log: logger.log, abortTest: () => {}, noteSleepUsed: () => {}, noteSyncHttpUsed: () => {} },
  });
  const { resolved } = prepared;
  return {
    thresholds: resolved.thresholds,
    thresholdKeys: resolved.thresholdKeys,
    metrics: describeMetrics(prepared.registry),
    summaryTrendStats: resolved.summaryTrendStats,
    ...(resolved.summaryTimeUnit !== undefined ? { summaryTimeUnit: resolved.summaryTimeUnit } : {}),
    handleSummaryTimeoutMs: resolved.handleSummaryTimeoutMs,
    vu: prepared.initContextVu,
  };
}

interface SummaryTargets {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  readonly colors?: boolean;
}

/** handleSummary(data) and its outputs written like k6 does (or k6's text summary without one). */
export async function writeScriptSummary(
  script: ScriptSummary,
  data: SummaryData,
  targets: SummaryTargets = {},
): Promise<void> {
  const stderr = targets.stderr ?? ((text: string) => void process.stderr.write(text));
  const logger = createRunLogger(stderr, () => Date.now());
  await writeSummary(script.vu, data, {
    stdout: targets.stdout ?? ((text: string) => void process.stdout.write(text)),
    stderr,
    log: logger.log,
    handleSummaryTimeoutMs: script.handleSummaryTimeoutMs,
    colors: targets.colors ?? false,
    warnings: [],
  });
  logger.flush();
}
