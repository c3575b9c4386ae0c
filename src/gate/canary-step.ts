// A gate step that is a canary comparison: `canary: { split, header, errorTolerance, p95Tolerance,
// service }` on a step makes its run a `load:canary` run of that step's profile — its verdict then
// carries the canary criteria, which the gate checks like any other — with the same defaults and rules
// as the flags. Runs in: Node.
import {
  type CanarySettings,
  DEFAULT_ERROR_TOLERANCE_POINTS,
  DEFAULT_P95_TOLERANCE_PERCENT,
  DEFAULT_SPLIT_PERCENT,
} from '../results/canary/canary-settings.ts';
import type { CanaryAnalysis } from '../results/types.ts';
import { DEFAULT_CANARY_HEADER, parseCanaryHeader } from '../vu/canary.ts';
import { SERVICES } from '../vu/services.ts';
import type { FieldPath } from './gate-yaml.ts';

export const CANARY_STEP_FIELDS = ['split', 'header', 'errorTolerance', 'p95Tolerance', 'service'];

type Problem = (path: FieldPath, message: string) => void;

const got = (value: unknown) => (value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value)));

/** The step's canary settings; undefined (problems reported) when any field is wrong. */
export function validateCanaryStep(
  raw: unknown,
  path: FieldPath,
  problem: Problem,
): CanarySettings | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problem(path, `must be a map with ${CANARY_STEP_FIELDS.join(', ')} (got ${got(raw)})`);
    return undefined;
  }
  const fields = raw as Record<string, unknown>;
  let ok = true;
  const fail = (field: string, message: string) => {
    problem([...path, field], message);
    ok = false;
  };
  for (const key of Object.keys(fields))
    if (!CANARY_STEP_FIELDS.includes(key))
      fail(key, `unknown field (expected one of ${CANARY_STEP_FIELDS.join(', ')})`);
  const number = (field: string, min: number, max: number, fallback: number, exclusiveMin: boolean) => {
    const value = fields[field];
    if (value === undefined) return fallback;
    if (typeof value === 'number' && (exclusiveMin ? value > min : value >= min) && value <= max)
      return value;
    fail(field, `must be ${min} ${exclusiveMin ? '<' : '≤'} value ≤ ${max} (got ${got(value)})`);
    return fallback;
  };
  const split = number('split', 0, 100, DEFAULT_SPLIT_PERCENT, true);
  const errorTolerance = number('errorTolerance', 0, 100, DEFAULT_ERROR_TOLERANCE_POINTS, false);
  const p95Tolerance = number('p95Tolerance', 0, 1000, DEFAULT_P95_TOLERANCE_PERCENT, false);
  const headerText = fields.header ?? DEFAULT_CANARY_HEADER;
  const header = typeof headerText === 'string' ? parseCanaryHeader(headerText) : 'must be a string';
  if (typeof header === 'string') fail('header', header);
  const serviceText = fields.service;
  const service = SERVICES.find((s) => s.name === serviceText || s.app === serviceText)?.name;
  if (serviceText !== undefined && serviceText !== 'all' && !service)
    fail(
      'service',
      `must be all or one of ${SERVICES.map((s) => s.name).join(', ')} (got ${got(serviceText)})`,
    );
  if (!ok || typeof header === 'string') return undefined;
  return {
    splitPercent: split,
    header: `${header.name}=${header.value}`,
    errorTolerancePoints: errorTolerance,
    p95TolerancePercent: p95Tolerance,
    ...(service ? { service } : {}),
  };
}

/** What a baseline must share with the step to be compared: "10 % x-version=v2 on all requests". */
export function canaryIdentity(canary: CanarySettings): string {
  return `${canary.splitPercent} % ${canary.header} on ${canary.service ?? 'all requests'}`;
}

/** The same identity read back from a canary run's verdict (a run id given as the baseline). */
export function canaryIdentityOf(analysis: CanaryAnalysis): string {
  return `${analysis.splitPercent} % ${analysis.header} on ${analysis.compared}`;
}
