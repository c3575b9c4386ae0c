// The end of a run once the scenarios and teardown are over: final thresholds, the summary data,
// the generator warnings (logged before the summary, and appended to the text summary), the headline
// of a run on the blocking path that did not deliver its load (logged, and first in the text
// summary), then the summary outputs. Its own module so runLocal() reads as the lifecycle it is.
// Runs in: main thread.
import type { CheckTree } from './check-tree.ts';
import { loadDelivery, undeliveredHeadline } from './load-delivery.ts';
import type { MetricRegistry } from './metrics/registry.ts';
import type { ResolvedOptions } from './options/resolve-options.ts';
import { collectRunWarnings, type WarningInput } from './run-warnings.ts';
import { buildSummaryData, type SummaryData } from './summary/summary-data.ts';
import { evaluateThresholds } from './thresholds/evaluate-thresholds.ts';
import type { Vu } from './vu.ts';
import type { LogLevel } from './vu-host.ts';
import { writeSummary } from './write-summary.ts';

export interface FinishInput {
  registry: MetricRegistry;
  checks: CheckTree;
  resolved: ResolvedOptions;
  mainVu: Vu;
  setupData: unknown;
  testRunDurationMs: number;
  noThresholds: boolean;
  noColor: boolean;
  /** Colors in the default text summary (TTY stdout, not captured). */
  colors: boolean;
  summaryExportPath?: string;
  stdout(text: string): void;
  stderr(text: string): void;
  log(level: LogLevel, message: string): void;
  /** Everything the generator warnings need but the registry and the duration. */
  generator: Omit<WarningInput, 'registry' | 'testRunDurationMs'>;
  /** The blocking-call transform fell back: the VUs' blocking calls ran one VU of a thread at a time. */
  blockingPath: boolean;
}

export async function finishRun(
  input: FinishInput,
): Promise<{ summaryData: SummaryData; thresholdsFailed: boolean }> {
  const { registry, resolved, testRunDurationMs } = input;
  const thresholdResults = input.noThresholds
    ? []
    : evaluateThresholds(resolved.thresholds, registry, testRunDurationMs);
  const summaryData = buildSummaryData({
    registry,
    thresholds: thresholdResults,
    rootGroup: input.checks.toGroupNode(),
    options: {
      summaryTrendStats: resolved.summaryTrendStats,
      summaryTimeUnit: resolved.summaryTimeUnit,
      noColor: input.noColor,
    },
    testRunDurationMs,
    setupData: input.setupData,
    isStdOutTTY: !!process.stdout.isTTY,
    isStdErrTTY: !!process.stderr.isTTY,
  });
  const warnings = collectRunWarnings({ ...input.generator, registry, testRunDurationMs });
  for (const warning of warnings) input.log('warn', warning);
  const blocked = input.blockingPath && (input.generator.sleepUsed || input.generator.syncHttpUsed);
  const headline = blocked
    ? undeliveredHeadline(loadDelivery(resolved.scenarios, registry, testRunDurationMs))
    : undefined;
  if (headline) input.log('warn', headline);
  await writeSummary(input.mainVu, summaryData, {
    stdout: input.stdout,
    stderr: input.stderr,
    log: input.log,
    summaryExportPath: input.summaryExportPath,
    handleSummaryTimeoutMs: resolved.handleSummaryTimeoutMs,
    colors: input.colors,
    warnings,
    headline,
  });
  return { summaryData, thresholdsFailed: thresholdResults.some((r) => !r.ok) };
}
