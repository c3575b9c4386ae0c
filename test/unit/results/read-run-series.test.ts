// Reading a run's time series into points: `collectRunSeries` on in-memory lines (requests and
// failures from http_req_failed, per-service / per-operation slices, the dominant phase, VUs,
// iterations, dropped iterations, overflows, the generator's lag gauges, coarse spans, stored
// buckets preferred over percentiles, unknown metrics, lines out of order). Files: the sibling
// read-run-series-file.test.ts.
import { describe, expect, test } from 'vitest';
import { LatencyHistogram, latencyBucketPairs } from '../../../src/results/latency-histogram.ts';
import { collectRunSeries } from '../../../src/results/read-run-series.ts';
import type { TimeSeriesLine } from '../../../src/results/timeseries-file.ts';
import { counterLine, durationLine, failedLine, gaugeLine, T0, trendLine } from './series-lines.ts';

describe('collectRunSeries', () => {
  test('an empty input gives no points and bounds 0', async () => {
    expect(await collectRunSeries([])).toEqual({ points: [], startT: 0, endT: 0 });
  });

  test('one point per second, in time order, with bounds from the first and last second', async () => {
    const series = await collectRunSeries([
      failedLine(T0 + 2, 0, 5),
      failedLine(T0, 1, 9),
      durationLine(T0 + 2, 5, 40),
      durationLine(T0, 10, 20),
    ]);
    expect(series.points.map((p) => p.t)).toEqual([T0, T0 + 2]);
    expect(series.points.map((p) => p.spanS)).toEqual([1, 1]);
    expect(series.startT).toBe(T0);
    expect(series.endT).toBe(T0 + 2);
  });

  test('requests are passes + fails of http_req_failed; failed are its passes', async () => {
    const { points } = await collectRunSeries([
      failedLine(T0, 3, 97, { service: 'order-service' }),
      failedLine(T0, 0, 50, { service: 'product-service' }),
    ]);
    expect(points[0]).toMatchObject({ requests: 150, failed: 3 });
  });

  test('slices per service and per operation add up within the point', async () => {
    const { points } = await collectRunSeries([
      failedLine(T0, 2, 8, { service: 'order-service', op: 'order_create' }),
      failedLine(T0, 1, 19, { service: 'order-service', op: 'payment' }),
      failedLine(T0, 0, 30, { service: 'product-service', op: 'product_read' }),
      durationLine(T0, 10, 300, { service: 'order-service', op: 'order_create' }),
      durationLine(T0, 20, 100, { service: 'order-service', op: 'payment' }),
      durationLine(T0, 30, 10, { service: 'product-service', op: 'product_read' }),
    ]);
    const p = points[0]!;
    expect(p).toMatchObject({ requests: 60, failed: 3 });
    expect(Object.keys(p.byService).sort()).toEqual(['order-service', 'product-service']);
    expect(p.byService['order-service']).toMatchObject({ requests: 30, failed: 3 });
    expect(p.byService['product-service']).toMatchObject({ requests: 30, failed: 0 });
    expect(p.byOperation.order_create).toMatchObject({ requests: 10, failed: 2 });
    expect(p.byOperation.payment).toMatchObject({ requests: 20, failed: 1 });
    expect(p.byOperation.product_read).toMatchObject({ requests: 30, failed: 0 });
    expect(p.byService['order-service']!.latency.count).toBeCloseTo(30, 9);
    expect(p.byService['order-service']!.latency.max).toBe(300);
    expect(p.byOperation.product_read!.latency.quantile(0.5)).toBe(10);
    expect(p.latency.count).toBeCloseTo(60, 9);
    expect(p.latency.max).toBe(300);
    // 30 of 60 requests at 10 ms, 20 at 100 ms, 10 at 300 ms: the 60th percentile is in the 100 ms bucket.
    expect(Math.abs(p.latency.quantile(0.6)! - 100) / 100).toBeLessThanOrEqual(0.02);
  });

  test('lines without service or op tags count only in the whole point', async () => {
    const { points } = await collectRunSeries([failedLine(T0, 1, 4), durationLine(T0, 5, 50)]);
    expect(points[0]).toMatchObject({ requests: 5, failed: 1, byService: {}, byOperation: {} });
    expect(points[0]!.latency.count).toBeCloseTo(5, 9);
  });

  test.each([
    { name: 'the phase with most requests wins', counts: { pre: 10, spike: 40, post: 5 }, phase: 'spike' },
    { name: 'a single phase', counts: { post: 1 }, phase: 'post' },
    { name: 'no phase tag', counts: {}, phase: '' },
  ])('phase: $name', async ({ counts, phase }) => {
    const lines = Object.entries(counts).map(([name, n]) => durationLine(T0, n, 20, { phase: name }));
    const { points } = await collectRunSeries([failedLine(T0, 0, 1), ...lines]);
    expect(points[0]!.phase).toBe(phase);
  });

  test('phase adds up the counts of every line with the same phase tag', async () => {
    const { points } = await collectRunSeries([
      durationLine(T0, 30, 20, { phase: 'pre', service: 'a' }),
      durationLine(T0, 30, 20, { phase: 'pre', service: 'b' }),
      durationLine(T0, 50, 20, { phase: 'spike', service: 'a' }),
    ]);
    expect(points[0]!.phase).toBe('pre');
  });

  test('vus is the highest gauge reading of the second; null without a vus line', async () => {
    const { points } = await collectRunSeries([
      gaugeLine(T0, 'vus', { value: 8, min: 5, max: 12 }),
      gaugeLine(T0, 'vus', { value: 7 }),
      failedLine(T0 + 1, 0, 1),
    ]);
    expect(points[0]!.vus).toBe(12);
    expect(points[1]!.vus).toBeNull();
  });

  test('iterations, dropped_iterations and gateway_overflows are summed over tag sets', async () => {
    const { points } = await collectRunSeries([
      counterLine(T0, 'iterations', 40, { scenario: 'normal' }),
      counterLine(T0, 'iterations', 2, { scenario: 'setup' }),
      counterLine(T0, 'dropped_iterations', 3),
      counterLine(T0, 'dropped_iterations', 1),
      counterLine(T0, 'gateway_overflows', 5, { phase: 'post' }),
      counterLine(T0, 'gateway_overflows', 1, { phase: 'spike' }),
    ]);
    expect(points[0]).toMatchObject({ iterations: 42, droppedIterations: 4, overflows: 6 });
  });

  test('gateway_overflows are also kept per service, for the per-service CircuitBreakerOpen alert', async () => {
    const { points } = await collectRunSeries([
      counterLine(T0, 'gateway_overflows', 2, { service: 'order-service', phase: 'spike' }),
      counterLine(T0, 'gateway_overflows', 1, { service: 'order-service', phase: 'post' }),
      counterLine(T0, 'gateway_overflows', 0, { service: 'product-service' }),
    ]);
    expect(points[0]).toMatchObject({
      overflows: 3,
      overflowsByService: { 'order-service': 3, 'product-service': 0 },
    });
  });

  test('a point without those lines has zero counts and null gauges', async () => {
    const { points } = await collectRunSeries([failedLine(T0, 0, 1)]);
    expect(points[0]).toMatchObject({
      iterations: 0,
      droppedIterations: 0,
      overflows: 0,
      startLagP99Ms: null,
      loopDelayP99Ms: null,
      vus: null,
    });
  });

  test('the generator lag gauges keep the worst reading of the second', async () => {
    const { points } = await collectRunSeries([
      trendLine(T0, 'local_iteration_start_lag', { count: 50, 'p(99)': 3.5, max: 9 }),
      trendLine(T0, 'local_iteration_start_lag', { count: 50, 'p(99)': 7.25, max: 8 }),
      trendLine(T0 + 1, 'local_iteration_start_lag', { count: 5, max: 2 }),
      gaugeLine(T0, 'local_event_loop_delay', { value: 4, max: 22 }),
      gaugeLine(T0, 'local_event_loop_delay', { value: 6 }),
      gaugeLine(T0 + 1, 'local_event_loop_delay', { value: 3 }),
    ]);
    expect(points[0]).toMatchObject({ startLagP99Ms: 7.25, loopDelayP99Ms: 22 });
    // A start-lag line without p(99) says nothing about it.
    expect(points[1]).toMatchObject({ startLagP99Ms: null, loopDelayP99Ms: 3 });
  });

  test('coarse lines: the point covers the line span and endT is its last second', async () => {
    const coarse = (line: TimeSeriesLine): TimeSeriesLine => ({ ...line, span: 60 });
    const series = await collectRunSeries([
      failedLine(T0, 0, 10),
      coarse(failedLine(T0 + 1, 6, 594)),
      coarse(durationLine(T0 + 1, 600, 80)),
      coarse(counterLine(T0 + 1, 'iterations', 600)),
    ]);
    expect(series.points.map((p) => [p.t, p.spanS])).toEqual([
      [T0, 1],
      [T0 + 1, 60],
    ]);
    expect(series.points[1]).toMatchObject({ requests: 600, failed: 6, iterations: 600 });
    expect(series.endT).toBe(T0 + 60);
  });

  test('a line with stored buckets (hist) is read from them, not from its percentiles', async () => {
    const samples = [10, 10, 10, 10, 10, 10, 10, 10, 10, 900];
    const withHist: TimeSeriesLine = {
      ...durationLine(T0, samples.length, 10),
      // Percentiles that disagree with the buckets: the buckets must win.
      values: {
        count: 10,
        avg: 99,
        min: 10,
        max: 900,
        'p(50)': 500,
        'p(90)': 500,
        'p(95)': 900,
        'p(99)': 900,
      },
      hist: latencyBucketPairs(samples),
    };
    const { points } = await collectRunSeries([withHist]);
    const direct = new LatencyHistogram();
    for (const v of samples) direct.add(v);
    const latency = points[0]!.latency;
    expect(latency.count).toBe(10);
    expect(latency.max).toBe(900);
    for (const q of [0.5, 0.9, 0.95]) expect(latency.quantile(q)).toBe(direct.quantile(q));
    expect(latency.quantile(0.5)).toBeLessThan(11);
  });

  test('a line without hist is rebuilt from its percentiles', async () => {
    const line = trendLine(T0, 'http_req_duration', {
      count: 100,
      avg: 60,
      min: 5,
      max: 800,
      'p(50)': 40,
      'p(90)': 120,
      'p(95)': 200,
      'p(99)': 600,
    });
    const { points } = await collectRunSeries([line]);
    const latency = points[0]!.latency;
    expect(latency.count).toBeCloseTo(100, 9);
    expect(latency.max).toBe(800);
    expect(Math.abs(latency.quantile(0.5)! - 40) / 40).toBeLessThanOrEqual(0.02);
    expect(Math.abs(latency.quantile(0.95)! - 200) / 200).toBeLessThanOrEqual(0.02);
  });

  test('unknown metrics are skipped and make no point of their own', async () => {
    const series = await collectRunSeries([
      { ...counterLine(T0, 'checks', 9), type: 'rate', values: { rate: 1, passes: 9, fails: 0 } },
      counterLine(T0 + 1, 'http_reqs', 9),
      trendLine(T0 + 1, 'iteration_duration', { count: 9, min: 1, max: 2 }),
      failedLine(T0 + 2, 0, 9),
    ]);
    expect(series.points.map((p) => p.t)).toEqual([T0 + 2]);
    expect(series.points[0]).toMatchObject({ requests: 9, iterations: 0 });
  });

  test('lines in any order give the same series', async () => {
    const lines = [
      failedLine(T0, 1, 9, { service: 's', op: 'o' }),
      durationLine(T0, 10, 50, { service: 's', op: 'o', phase: 'pre' }),
      counterLine(T0, 'iterations', 10),
      gaugeLine(T0, 'vus', { value: 3, max: 3 }),
      failedLine(T0 + 1, 0, 20, { service: 's', op: 'o' }),
      durationLine(T0 + 1, 20, 70, { service: 's', op: 'o', phase: 'spike' }),
      counterLine(T0 + 1, 'iterations', 20),
      gaugeLine(T0 + 1, 'vus', { value: 5, max: 6 }),
      failedLine(T0 + 3, 2, 2),
    ];
    const summary = (series: Awaited<ReturnType<typeof collectRunSeries>>) =>
      series.points.map((p) => ({
        t: p.t,
        requests: p.requests,
        failed: p.failed,
        vus: p.vus,
        iterations: p.iterations,
        phase: p.phase,
        p50: p.latency.quantile(0.5),
        service: p.byService.s?.requests,
      }));
    const forward = await collectRunSeries(lines);
    const backward = await collectRunSeries([...lines].reverse());
    const shuffled = await collectRunSeries([4, 0, 8, 2, 6, 1, 7, 3, 5].map((i) => lines[i]!));
    expect(summary(backward)).toEqual(summary(forward));
    expect(summary(shuffled)).toEqual(summary(forward));
    expect(backward.startT).toBe(T0);
    expect(backward.endT).toBe(T0 + 3);
  });

  test('accepts an async iterable', async () => {
    async function* lines(): AsyncIterable<TimeSeriesLine> {
      yield failedLine(T0, 1, 1);
      yield failedLine(T0 + 1, 0, 2);
    }
    const series = await collectRunSeries(lines());
    expect(series.points.map((p) => p.requests)).toEqual([2, 2]);
  });
});
