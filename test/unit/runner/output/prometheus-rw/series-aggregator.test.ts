// Aggregation as k6's remote-write output does it: whole-run values per (metric, tag set), sent when
// they changed, timestamps only moving forward; worker-thread deltas count exactly like local samples.
import { describe, expect, it } from 'vitest';
import { MetricRegistry } from '../../../../../src/runner/metrics/registry.ts';
import type { Tags } from '../../../../../src/runner/metrics/types.ts';
import { parseTrendStats } from '../../../../../src/runner/output/prometheus-rw/metric-naming.ts';
import {
  type PromSeries,
  SeriesAggregator,
  SeriesDeltas,
} from '../../../../../src/runner/output/prometheus-rw/series-aggregator.ts';

const registry = new MetricRegistry();
const describeMetric = (name: string) => registry.describe(name);
const T = 1_700_000_000_000;
const ORDER: Tags = Object.freeze({
  service: 'order-service',
  status: '201',
  url: 'http://h/orders/1',
  group: '',
});
const ORDER_2: Tags = Object.freeze({ ...ORDER, url: 'http://h/orders/2' });

function aggregator(stats = 'p(99)', maxSeries?: number) {
  return new SeriesAggregator({
    trendStats: parseTrendStats(stats).stats,
    describe: describeMetric,
    maxSeries,
  });
}

const byName = (series: PromSeries[]) =>
  Object.fromEntries(series.map((s) => [Object.fromEntries(s.labels).__name__, s]));

describe('SeriesAggregator', () => {
  it('keeps counters cumulative per tag set, ignoring url, and sends only what changed', () => {
    const agg = aggregator();
    agg.add('http_reqs', 1, ORDER, T);
    agg.add('http_reqs', 1, ORDER_2, T + 5);
    agg.add('vus', 3, {}, T + 1);
    const first = byName(agg.collect().series);
    expect(first.k6_http_reqs_total).toEqual({
      labels: [
        ['__name__', 'k6_http_reqs_total'],
        ['service', 'order-service'],
        ['status', '201'],
      ],
      value: 2,
      timestampMs: T + 5,
    });
    expect(first.k6_vus?.value).toBe(3);
    agg.add('http_reqs', 1, ORDER, T + 2000);
    const second = agg.collect().series;
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ value: 3, timestampMs: T + 2000 });
    expect(agg.collect().series).toEqual([]);
  });

  it('sends gauges as the last value by sample time and rates as the pass fraction so far', () => {
    const agg = aggregator();
    agg.add('vus', 5, {}, T + 10);
    agg.add('vus', 2, {}, T);
    agg.add('http_req_failed', 1, ORDER, T);
    agg.add('http_req_failed', 0, ORDER, T);
    agg.add('http_req_failed', 0, ORDER, T);
    agg.add('http_req_failed', 0, ORDER, T);
    const series = byName(agg.collect().series);
    expect(series.k6_vus?.value).toBe(5);
    expect(series.k6_http_req_failed_rate?.value).toBe(0.25);
  });

  it('sends each trend stat of the list, time in seconds, count as a count', () => {
    const agg = aggregator('p(99),avg,min,max,med,count,sum');
    for (let ms = 1; ms <= 100; ms++) agg.add('http_req_duration', ms, ORDER, T + ms);
    const series = byName(agg.collect().series);
    expect(series.k6_http_req_duration_count?.value).toBe(100);
    expect(series.k6_http_req_duration_sum?.value).toBeCloseTo(5.05, 9);
    expect(series.k6_http_req_duration_avg?.value).toBeCloseTo(0.0505, 9);
    expect(series.k6_http_req_duration_min?.value).toBe(0.001);
    expect(series.k6_http_req_duration_max?.value).toBe(0.1);
    // The compact histogram is within 1 % of the exact nearest-rank value.
    expect(series.k6_http_req_duration_p99?.value).toBeCloseTo(0.099, 3);
    expect(series.k6_http_req_duration_med?.value).toBeCloseTo(0.05, 3);
    expect(new Set(Object.values(series).map((s) => s.timestampMs))).toEqual(new Set([T + 100]));
  });

  it('moves a series timestamp forward even when a late sample is older than the last one sent', () => {
    const agg = aggregator();
    agg.add('http_reqs', 1, ORDER, T + 1000);
    expect(agg.collect().series[0]?.timestampMs).toBe(T + 1000);
    agg.add('http_reqs', 1, ORDER, T + 400);
    expect(agg.collect().series[0]).toMatchObject({ value: 2, timestampMs: T + 1001 });
  });

  it('sends a series again after a failed push', () => {
    const agg = aggregator();
    agg.add('http_reqs', 1, ORDER, T);
    agg.collect().unsent();
    expect(agg.collect().series).toEqual([expect.objectContaining({ value: 1, timestampMs: T + 1 })]);
  });

  it('counts worker deltas exactly like samples recorded on its own thread', () => {
    const direct = aggregator('p(95),count');
    const merged = aggregator('p(95),count');
    const workers = [new SeriesDeltas(describeMetric), new SeriesDeltas(describeMetric)];
    // 1300 samples per worker before the first snapshot: past the raw-value limit, so a histogram goes over too.
    for (let i = 0; i < 3000; i++) {
      const tags = i % 2 ? ORDER : ORDER_2;
      const sample = ['http_req_duration', (i % 250) + 0.5, tags, T + i] as const;
      direct.add(...sample);
      direct.add('http_reqs', 1, tags, T + i);
      workers[i % 2]!.add(...sample);
      workers[i % 2]!.add('http_reqs', 1, tags, T + i);
      if (i === 2600) for (const w of workers) merged.merge(w.take());
    }
    for (const w of workers) merged.merge(w.take());
    expect(merged.collect().series).toEqual(direct.collect().series);
    expect(workers[0]!.take()).toEqual([]);
  });

  it('holds at most maxSeries tag sets, drops samples of further ones and says so once', () => {
    const limits: number[] = [];
    const agg = new SeriesAggregator({
      trendStats: parseTrendStats('p(99)').stats,
      describe: describeMetric,
      maxSeries: 2,
      onLimit: (max) => limits.push(max),
    });
    for (let i = 0; i < 5; i++) agg.add('http_reqs', 1, { op: `op-${i}` }, T);
    expect(agg.seriesCount).toBe(2);
    expect(agg.droppedSamples).toBe(3);
    expect(limits).toEqual([2]);
    expect(agg.collect().series).toHaveLength(2);
  });
});
