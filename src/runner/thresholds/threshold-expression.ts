// One k6 threshold expression, `<aggregation> <operator> <value>` (e.g. `p(99.9) < 2000`), parsed the
// way k6 scans it: operators tried longest-first, whitespace around parts ignored.
// Runs in: Node (runner main thread).
import type { MetricType } from '../metrics/types.ts';

export type ThresholdOperator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

interface ThresholdExpression {
  /** Normalized aggregation: count, rate, value, avg, min, max, med or p(N) with N as a JS number. */
  aggregation: string;
  operator: ThresholdOperator;
  value: number;
}

/** Order matters: a longer operator must be tried before its prefix (k6's operatorTokens). */
const OPERATORS: readonly ThresholdOperator[] = ['<=', '<', '>=', '>', '===', '==', '!='];
const PLAIN_AGGREGATIONS: ReadonlySet<string> = new Set([
  'value',
  'count',
  'rate',
  'avg',
  'min',
  'med',
  'max',
]);
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Aggregations each metric type supports (k6 thresholds docs). */
export const AGGREGATIONS_BY_TYPE: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p(N)'],
};

export function aggregationFits(aggregation: string, type: MetricType): boolean {
  const name = aggregation.startsWith('p(') ? 'p(N)' : aggregation;
  return AGGREGATIONS_BY_TYPE[type].includes(name);
}

type ParsedExpression = { ok: true; value: ThresholdExpression } | { ok: false; problem: string };

function fail(expression: string, message: string, expected: string): ParsedExpression {
  return { ok: false, problem: `${message} (got "${expression}", expected ${expected})` };
}

export function parseThresholdExpression(expression: string): ParsedExpression {
  const operator = OPERATORS.find((op) => expression.includes(op));
  if (operator === undefined) {
    return fail(
      expression,
      'malformed threshold expression',
      '<aggregation> <operator> <number>, e.g. p(95)<500',
    );
  }
  const at = expression.indexOf(operator);
  const left = expression.slice(0, at).trim();
  const right = expression.slice(at + operator.length).trim();
  let aggregation = left;
  if (!PLAIN_AGGREGATIONS.has(left)) {
    const inner = left.startsWith('p(') && left.endsWith(')') ? left.slice(2, -1) : undefined;
    if (inner === undefined) {
      return fail(
        expression,
        `unknown aggregation "${left}"`,
        'count, rate, value, avg, min, max, med or p(N)',
      );
    }
    const pct = DECIMAL.test(inner) ? Number(inner) : Number.NaN;
    if (!(pct >= 0 && pct <= 100)) {
      return fail(expression, `invalid percentile "${left}"`, 'p(N) with N a number in 0..100');
    }
    aggregation = `p(${pct})`;
  }
  // k6 (Go ParseFloat) would accept NaN/Inf here; a threshold against them is always a mistake.
  const value = FLOAT.test(right) ? Number(right) : Number.NaN;
  if (!Number.isFinite(value)) {
    return fail(expression, `invalid threshold value "${right}"`, 'a finite number');
  }
  return { ok: true, value: { aggregation, operator, value } };
}

export function compareThreshold(observed: number, operator: ThresholdOperator, value: number): boolean {
  switch (operator) {
    case '<':
      return observed < value;
    case '<=':
      return observed <= value;
    case '>':
      return observed > value;
    case '>=':
      return observed >= value;
    case '==':
    case '===':
      // Both sides are numbers, so loose and strict equality coincide (as in k6).
      return observed === value;
    case '!=':
      return observed !== value;
  }
}
