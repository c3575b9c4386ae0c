import type { TimeSeriesLine } from '../../../src/results/timeseries-file.ts';

export const T0 = 1_700_000_000;
export const SECONDS = 38; // first 10 s per second, then 5 s spans: the last one covers 35..37, 3 s
export const OPTIONS = {
  fullResolutionS: 10,
  coarseS: 5,
  keepPerSecond: [{ fromMs: (T0 + 22) * 1000, toMs: (T0 + 23) * 1000 }],
};
export const SITES = [
  { op: 'read', status: '200' },
  { op: 'write', status: '201' },
];

/** Deterministic latencies, ms: a long-tailed spread that moves over time. */
export function latencies(second: number, site: number): number[] {
  let seed = second * 7919 + site * 104_729 + 1;
  const random = () => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  const base = 5 + site * 10 + (second % 7);
  return Array.from({ length: 40 + ((second * 3) % 11) }, () => base * Math.exp(random() * random() * 3));
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function trendValues(samples: readonly number[]): Record<string, number> {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    avg: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    'p(50)': percentile(sorted, 50),
    'p(90)': percentile(sorted, 90),
    'p(95)': percentile(sorted, 95),
    'p(99)': percentile(sorted, 99),
  };
}

export function syntheticSeries(): TimeSeriesLine[] {
  const lines: TimeSeriesLine[] = [];
  for (let s = 0; s < SECONDS; s++) {
    const t = T0 + s;
    SITES.forEach((tags, site) => {
      const samples = latencies(s, site);
      const fails = s % 4 === site ? 2 : 0;
      lines.push({ t, metric: 'http_req_duration', type: 'trend', tags, values: trendValues(samples) });
      lines.push({
        t,
        metric: 'http_req_failed',
        type: 'rate',
        tags,
        values: { rate: fails / samples.length, passes: fails, fails: samples.length - fails },
      });
      lines.push({
        t,
        metric: 'http_reqs',
        type: 'counter',
        tags,
        values: { count: samples.length, rate: samples.length },
      });
    });
    const vus = 10 + (s % 6);
    lines.push({
      t,
      metric: 'vus',
      type: 'gauge',
      tags: {},
      values: { value: vus, min: vus - 1, max: vus + 2 },
    });
  }
  return lines;
}
