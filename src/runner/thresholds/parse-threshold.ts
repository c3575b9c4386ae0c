// Parses k6's `options.thresholds` (short and long form) into specs, collecting EVERY problem: bad
// keys, unknown metrics, malformed expressions, aggregations that do not fit the metric type.
// Run it after the script's init so custom metrics are known. Runs in: Node (runner main thread).
import { builtinMetric } from '../metrics/builtin-metrics.ts';
import { parseMetricKey } from '../metrics/tag-filter.ts';
import type { MetricType, Tags } from '../metrics/types.ts';
import { tryParseDurationMs } from '../../vu/duration.ts';
import {
  AGGREGATIONS_BY_TYPE,
  aggregationFits,
  parseThresholdExpression,
  type ThresholdOperator,
} from './threshold-expression.ts';

export interface ThresholdSpec {
  /** Canonical metric key: `name` or `name{<selector trimmed>}`. */
  metricKey: string;
  /** Base metric name. */
  metric: string;
  /** Tag equalities of a sub-metric key. */
  selector?: Tags;
  /** The expression as written; the key of `thresholds` in the summary. */
  expression: string;
  /** count, rate, value, avg, min, max, med or p(N). */
  aggregation: string;
  operator: ThresholdOperator;
  value: number;
  abortOnFail: boolean;
  /** With abortOnFail: the test must have run longer than this before a failure aborts it (ms, ≥ 0). */
  delayAbortEvalMs: number;
}

/**
 * Tells whether a base metric name exists. Return its type (e.g. `(n) => registry.typeOf(n)`) to also
 * check aggregations of custom metrics; `true` checks only built-ins' aggregations.
 */
export type KnownMetric = (name: string) => boolean | MetricType | undefined;

interface ParsedThresholds {
  specs: ThresholdSpec[];
  problems: string[];
  /** Canonical key of every valid entry, also those with `[]`: declare them as sub-metrics before the run. */
  metricKeys: string[];
}

interface Entry {
  expression: string;
  abortOnFail: boolean;
  delayAbortEvalMs: number;
}

const describe = (value: unknown): string =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;

/** One array element: 'expr' or { threshold, abortOnFail?, delayAbortEval? }. */
function readEntry(raw: unknown, path: string, problems: string[]): Entry | undefined {
  if (typeof raw === 'string') return { expression: raw, abortOnFail: false, delayAbortEvalMs: 0 };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(
      `${path}: invalid threshold (got ${describe(raw)}, expected a string or { threshold, abortOnFail, delayAbortEval })`,
    );
    return undefined;
  }
  const { threshold, abortOnFail = false, delayAbortEval } = raw as Record<string, unknown>;
  const before = problems.length;
  if (typeof threshold !== 'string') {
    problems.push(
      `${path}.threshold: missing or not a string (got ${describe(threshold)}, expected an expression)`,
    );
  }
  if (typeof abortOnFail !== 'boolean') {
    problems.push(
      `${path}.abortOnFail: not a boolean (got ${describe(abortOnFail)}, expected true or false)`,
    );
  }
  const delayMs =
    delayAbortEval === undefined || delayAbortEval === null ? 0 : tryParseDurationMs(delayAbortEval);
  if (delayMs === undefined) {
    problems.push(
      `${path}.delayAbortEval: invalid duration (got ${JSON.stringify(delayAbortEval)}, expected e.g. "10s")`,
    );
  }
  if (problems.length > before) return undefined;
  return {
    expression: threshold as string,
    abortOnFail: abortOnFail as boolean,
    delayAbortEvalMs: delayMs as number,
  };
}

function metricTypeOf(
  metric: string,
  path: string,
  knownMetric: KnownMetric | undefined,
  problems: string[],
) {
  const known = knownMetric?.(metric);
  if (typeof known === 'string') return known;
  const builtin = builtinMetric(metric)?.type;
  if (knownMetric !== undefined && !known && builtin === undefined) {
    problems.push(
      `${path}: unknown metric "${metric}" (expected a built-in metric or a custom metric created in the init context)`,
    );
  }
  return builtin;
}

export function parseThresholds(thresholds: unknown, knownMetric?: KnownMetric): ParsedThresholds {
  const result: ParsedThresholds = { specs: [], problems: [], metricKeys: [] };
  if (thresholds === undefined || thresholds === null) return result;
  if (typeof thresholds !== 'object' || Array.isArray(thresholds)) {
    result.problems.push(
      `thresholds: invalid (got ${describe(thresholds)}, expected an object of metric key → expressions)`,
    );
    return result;
  }
  for (const [rawKey, list] of Object.entries(thresholds)) {
    const path = `thresholds[${JSON.stringify(rawKey)}]`;
    const key = parseMetricKey(rawKey);
    if (!key.ok) {
      result.problems.push(`${path}: ${key.problem}`);
      continue;
    }
    const { metric, key: metricKey, tags } = key.value;
    const problemsBefore = result.problems.length;
    const type = metricTypeOf(metric, path, knownMetric, result.problems);
    if (!Array.isArray(list)) {
      result.problems.push(
        `${path}: invalid (got ${describe(list)}, expected an array of threshold expressions)`,
      );
      continue;
    }
    // An unknown metric yields no specs, but its expressions are still checked so all problems show at once.
    const keyOk = result.problems.length === problemsBefore;
    if (keyOk) result.metricKeys.push(metricKey);
    list.forEach((raw, index) => {
      const itemPath = `${path}[${index}]`;
      const entry = readEntry(raw, itemPath, result.problems);
      if (entry === undefined) return;
      const parsed = parseThresholdExpression(entry.expression);
      if (!parsed.ok) {
        result.problems.push(`${itemPath}: ${parsed.problem}`);
        return;
      }
      const { aggregation, operator, value } = parsed.value;
      if (type !== undefined && !aggregationFits(aggregation, type)) {
        const expected = AGGREGATIONS_BY_TYPE[type].join(', ');
        result.problems.push(
          `${itemPath}: aggregation "${aggregation}" does not apply to ${type} metric ${metric} (got "${entry.expression}", expected one of ${expected})`,
        );
        return;
      }
      const spec: ThresholdSpec = {
        metricKey,
        metric,
        expression: entry.expression,
        aggregation,
        operator,
        value,
        abortOnFail: entry.abortOnFail,
        delayAbortEvalMs: entry.delayAbortEvalMs,
      };
      if (tags !== undefined) spec.selector = tags;
      if (keyOk) result.specs.push(spec);
    });
  }
  return result;
}
