// Summary fixtures for the threshold-criteria tests: k6 end-of-test summaries of a normal run with
// trend, rate and counter metrics and their threshold verdicts. Runs in: Node (tests).
import type { SummaryLike } from '../../../src/results/threshold-criteria.ts';
import type { CriterionResult } from '../../../src/results/types.ts';

export const FULL = { loadScale: 1, vuScale: 1 };
export type Thresholds = Record<string, { ok: boolean }>;
export type SummaryMetrics = NonNullable<SummaryLike['metrics']>;

export const trend = (values: Record<string, number>, thresholds?: Thresholds) => ({
  type: 'trend',
  values: { avg: 50, min: 1, max: 900, med: 40, 'p(90)': 90, ...values },
  ...(thresholds ? { thresholds } : {}),
});
export const rate = (failed: number, ok: number, thresholds?: Thresholds) => ({
  type: 'rate',
  values: { rate: failed + ok > 0 ? failed / (failed + ok) : 0, passes: failed, fails: ok },
  ...(thresholds ? { thresholds } : {}),
});
export const counter = (count: number, perSecond: number, thresholds?: Thresholds) => ({
  type: 'counter',
  values: { count, rate: perSecond },
  ...(thresholds ? { thresholds } : {}),
});

/** A normal-profile summary at full scale; `ok` sets every threshold verdict, undefined leaves them out. */
export function normalSummary(ok: boolean | undefined, overrides: SummaryMetrics = {}): SummaryLike {
  const t = (expression: string) => (ok === undefined ? undefined : { [expression]: { ok } });
  return {
    metrics: {
      http_req_duration: trend(
        { count: 18_000, 'p(95)': 212, 'p(99)': 870 },
        {
          ...t('p(95)<500'),
          ...t('p(99)<1000'),
        },
      ),
      http_req_failed: rate(4, 17_996, t('rate<0.001')),
      iterations: counter(18_000, 99.8, t('rate>=95')),
      ...overrides,
    },
  };
}

export interface NoDataCase {
  name: string;
  overrides: SummaryMetrics;
  /** A metric to leave out of the summary. */
  remove?: string;
  ids: string[];
}
export interface JudgedCase {
  name: string;
  metric: string;
  values: Record<string, number>;
  id: string;
  pass: boolean;
}

export const byId = (criteria: CriterionResult[], id: string) => {
  const found = criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no criterion ${id} in ${criteria.map((c) => c.id).join(', ')}`);
  return found;
};
