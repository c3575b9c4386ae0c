// Thresholds and k6's handleSummary data computed from stream aggregates — the same functions the
// local runner uses on its own registry (thresholds/, summary/summary-data.ts), so a streamed real-k6
// run, a merged distributed run and a local run are judged and summarised alike.
// Runs in: Node.
import { ConfigError } from '../../errors.ts';
import type { RawThreshold } from '../../runner/output/k6-json-encode.ts';
import { buildSummaryData, type SummaryData } from '../../runner/summary/summary-data.ts';
import {
  evaluateThresholds as evaluateOnRegistry,
  type ThresholdResult,
} from '../../runner/thresholds/evaluate-thresholds.ts';
import { parseThresholds, type ThresholdSpec } from '../../runner/thresholds/parse-threshold.ts';
import type { Aggregates } from './aggregates.ts';

/** k6's `options.thresholds` as written, or already parsed. */
export type Thresholds = Readonly<Record<string, readonly RawThreshold[]>> | readonly ThresholdSpec[];

/** k6's defaults when a script sets none (summaryTrendStats). */
const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

export function thresholdSpecs(aggregates: Aggregates, thresholds: Thresholds | undefined): ThresholdSpec[] {
  if (thresholds === undefined) return [];
  if (Array.isArray(thresholds)) return [...(thresholds as readonly ThresholdSpec[])];
  const parsed = parseThresholds(thresholds, (name) => aggregates.typeOf(name));
  if (parsed.problems.length > 0) throw new ConfigError('invalid thresholds', parsed.problems);
  return parsed.specs;
}

export interface EvaluateOptions {
  /** Test duration for counter rates; default: the stream's span (first to last sample). */
  readonly testRunDurationMs?: number;
  /**
   * Report metrics without samples as ok (k6's periodic evaluation while running). Off by default:
   * at the end k6 evaluates an empty metric as zeros, so `count>0` on an unused counter fails.
   */
  readonly skipEmpty?: boolean;
}

/**
 * Each threshold's outcome over the whole run. A sub-metric the aggregates never declared cannot be
 * recomputed afterwards: it comes back failed with no observed value, never as a silent pass.
 */
export function evaluateThresholds(
  aggregates: Aggregates,
  thresholds: Thresholds | undefined,
  options: EvaluateOptions = {},
): ThresholdResult[] {
  const duration = options.testRunDurationMs ?? aggregates.spanMs;
  return evaluateOnRegistry(thresholdSpecs(aggregates, thresholds), aggregates.registry, duration, {
    skipEmpty: options.skipEmpty ?? false,
  });
}

export interface SummaryOptions {
  readonly thresholds?: Thresholds;
  /** Threshold outcomes already evaluated (e.g. one an abort was decided on); else evaluated here. */
  readonly thresholdResults?: readonly ThresholdResult[];
  /** k6's `--no-thresholds`: none evaluated, none shown. */
  readonly noThresholds?: boolean;
  readonly summaryTrendStats?: readonly string[];
  readonly summaryTimeUnit?: string;
  readonly testRunDurationMs?: number;
  readonly noColor?: boolean;
  readonly setupData?: unknown;
  readonly isStdOutTTY?: boolean;
  readonly isStdErrTTY?: boolean;
}

/** k6's handleSummary(data) object for the aggregated run. */
export function summaryFromAggregates(aggregates: Aggregates, options: SummaryOptions = {}): SummaryData {
  const testRunDurationMs = options.testRunDurationMs ?? aggregates.spanMs;
  const results = options.noThresholds
    ? []
    : (options.thresholdResults ?? evaluateThresholds(aggregates, options.thresholds, { testRunDurationMs }));
  return buildSummaryData({
    registry: aggregates.registry,
    thresholds: [...results],
    rootGroup: aggregates.checks.toGroupNode(),
    options: {
      summaryTrendStats: [...(options.summaryTrendStats ?? DEFAULT_TREND_STATS)],
      ...(options.summaryTimeUnit !== undefined ? { summaryTimeUnit: options.summaryTimeUnit } : {}),
      noColor: options.noColor ?? false,
    },
    testRunDurationMs,
    setupData: options.setupData,
    isStdOutTTY: options.isStdOutTTY ?? false,
    isStdErrTTY: options.isStdErrTTY ?? false,
  });
}
