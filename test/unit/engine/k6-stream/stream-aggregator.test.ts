// The streaming consumer of k6's JSON output: what it keeps does not grow with the samples, snapshots
// survive JSON and merge into exactly what one stream of all samples gives (histograms added, not
// percentiles averaged), abortOnFail is decided on stream time with delayAbortEval, and lines it
// cannot use are counted, not fatal.
import { describe, expect, test } from 'vitest';
import {
  abortingThreshold,
  createK6StreamAggregator,
  evaluateThresholds,
  mergeAggregates,
  type SerializedAggregates,
  summaryFromAggregates,
} from '../../../../src/engine/k6-stream/index.ts';
import type { TimeSeriesLine } from '../../../../src/runner/metrics/types.ts';
import { parseThresholds } from '../../../../src/runner/thresholds/parse-threshold.ts';
import { metricLines, type RequestShape, requestLines } from './k6-lines.ts';

const START_MS = Date.UTC(2026, 0, 1);
const THRESHOLDS = {
  http_req_duration: ['p(95)<90', 'avg<60'],
  'http_req_duration{service:order-service}': ['p(99)<100'],
  'http_req_failed{service:payment-service}': [],
  http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: true, delayAbortEval: '10s' }],
  checks: ['rate>0.9'],
  http_reqs: ['count>100'],
};
const SUBMETRICS = Object.keys(THRESHOLDS);
const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

/** Feeds `requests` requests in batches (memory of the test itself stays small too). */
function feed(push: (line: string) => void, requests: number, shape: RequestShape): void {
  for (const line of metricLines()) push(line);
  for (let from = 0; from < requests; from += 10_000)
    for (const line of requestLines(from, Math.min(requests, from + 10_000), shape)) push(line);
}

describe('bounded memory', () => {
  const shape: RequestShape = { rate: 50, startMs: START_MS };

  test('what the aggregator retains is the same after 10× the samples, once seconds are written out', () => {
    const run = (requests: number) => {
      let lines = 0;
      const aggregator = createK6StreamAggregator({
        submetrics: SUBMETRICS,
        onSeconds: (written) => {
          lines += written.length;
        },
      });
      feed((line) => aggregator.push(line), requests, shape);
      aggregator.flushSeconds();
      return { stats: aggregator.stats(), lines };
    };
    const small = run(10_000);
    const large = run(100_000);
    expect(large.stats.points).toBe(10 * small.stats.points);
    expect(large.lines).toBeGreaterThan(9 * small.lines);
    const retained = ({ metrics, submetrics, openSeconds, openBuckets, checks }: typeof small.stats) => ({
      metrics,
      submetrics,
      openSeconds,
      openBuckets,
      checks,
    });
    expect(retained(large.stats)).toEqual(retained(small.stats));
    // The lag window (10 s behind the newest sample) is all that stays open.
    expect(small.stats.openSeconds).toBeLessThanOrEqual(11);
  });

  test('without onSeconds the seconds are kept (what the measure above would catch)', () => {
    const run = (requests: number) => {
      const aggregator = createK6StreamAggregator({ submetrics: SUBMETRICS });
      feed((line) => aggregator.push(line), requests, shape);
      return aggregator.stats();
    };
    expect(run(20_000).openSeconds).toBe(400);
    expect(run(40_000).openSeconds).toBe(800);
  });
});

describe('snapshots and merging', () => {
  /** Summary and time series of aggregates, after a JSON round trip of each pod's snapshot. */
  const merged = (snapshots: SerializedAggregates[]) =>
    mergeAggregates(snapshots.map((s) => JSON.parse(JSON.stringify(s)) as SerializedAggregates));

  const summaryOf = (aggregates: Parameters<typeof summaryFromAggregates>[0]) =>
    summaryFromAggregates(aggregates, { thresholds: THRESHOLDS, summaryTrendStats: TREND_STATS });

  test.each([
    ['interleaved requests', (r: number) => r % 2],
    ['a fast pod and a slow pod', (r: number) => (r < 3000 ? 0 : 1)],
  ])('two pods merged = one stream of all samples (%s)', (_, podOf) => {
    const shape: RequestShape = {
      rate: 100,
      startMs: START_MS,
      // Pod 1's requests are ten times slower: averaging per-pod percentiles would be far off.
      latency: (r) => (podOf(r) === 0 ? 2 + (r % 40) * 0.25 : 100 + (r % 400) * 0.25),
      failed: (r) => r % 50 === 0,
    };
    const requests = 6000;
    const whole = createK6StreamAggregator({ submetrics: SUBMETRICS });
    const pods = [0, 1].map(() => createK6StreamAggregator({ submetrics: SUBMETRICS }));
    for (const line of metricLines()) for (const a of [whole, ...pods]) a.push(line);
    const lines = requestLines(0, requests, shape);
    lines.forEach((line, i) => {
      whole.push(line);
      // 4 lines per request, plus a vus line every 100th request (the request's own pod).
      pods[podOf(lineRequest(lines, i))]!.push(line);
    });
    const combined = merged(pods.map((p) => p.snapshot()));

    expect(summaryOf(combined)).toEqual(summaryOf(whole.aggregates));
    expect(combined.takeCompletedSeconds(Number.POSITIVE_INFINITY)).toEqual(
      whole.aggregates.takeCompletedSeconds(Number.POSITIVE_INFINITY),
    );
    expect(combined.samples).toBe(whole.aggregates.samples);
    // The merged p95 is the whole run's, not the mean of the pods' p95s.
    const p95 = (a: Parameters<typeof summaryFromAggregates>[0]) =>
      summaryOf(a).metrics.http_req_duration!.values['p(95)']!;
    const podMean = (p95(pods[0]!.aggregates) + p95(pods[1]!.aggregates)) / 2;
    expect(Math.abs(p95(combined) - podMean)).toBeGreaterThan(1);
  });

  test('a snapshot leaves the aggregator as it was, empty sub-metrics included', () => {
    const aggregator = createK6StreamAggregator({ submetrics: SUBMETRICS });
    feed((line) => aggregator.push(line), 500, { rate: 100, startMs: START_MS });
    const first = JSON.stringify(aggregator.snapshot());
    const second = JSON.stringify(aggregator.snapshot());
    expect(second).toBe(first);
    const keys = JSON.parse(first).metrics.flatMap((m: { submetrics: { key: string }[] }) =>
      m.submetrics.map((s) => s.key),
    );
    expect(keys).toContain('http_req_failed{service:payment-service}');
    expect(() => mergeAggregates([{ ...aggregator.snapshot(), format: 'other' as never }])).toThrow(
      /not k6 aggregates/,
    );
  });
});

/** Which request line `i` of requestLines() belongs to (the vus line follows its request's 4). */
function lineRequest(lines: readonly string[], i: number): number {
  const url = /"url":"http:\/\/127\.0\.0\.1\/(\d+)"/.exec(lines[i]!);
  if (url) return Number(url[1]);
  for (let j = i - 1; j >= 0; j--) {
    const previous = /"url":"http:\/\/127\.0\.0\.1\/(\d+)"/.exec(lines[j]!);
    if (previous) return Number(previous[1]);
  }
  return 0;
}

describe('thresholds on the stream', () => {
  const specs = parseThresholds(THRESHOLDS, () => true).specs;

  test('abortOnFail waits for delayAbortEval in stream time, then names the failing threshold', () => {
    const aggregator = createK6StreamAggregator({ submetrics: SUBMETRICS });
    const failing: RequestShape = { rate: 100, startMs: START_MS, failed: (r) => r % 2 === 0 };
    for (const line of metricLines()) aggregator.push(line);
    for (const line of requestLines(0, 500, failing)) aggregator.push(line); // 5 s of samples
    expect(abortingThreshold(aggregator.aggregates, specs)).toBeUndefined();
    for (const line of requestLines(500, 1200, failing)) aggregator.push(line); // 12 s
    expect(abortingThreshold(aggregator.aggregates, specs)).toMatchObject({
      ok: false,
      observed: 0.5,
      spec: { metricKey: 'http_req_failed', expression: 'rate<0.1' },
    });
  });

  test('while running, an abortOnFail threshold on a metric without samples does not abort', () => {
    const aggregator = createK6StreamAggregator({ submetrics: ['http_req_failed{service:none}'] });
    for (const line of metricLines()) aggregator.push(line);
    for (const line of requestLines(0, 2000, { rate: 100, startMs: START_MS })) aggregator.push(line);
    const empty = parseThresholds(
      { 'http_req_failed{service:none}': [{ threshold: 'rate>0.5', abortOnFail: true }] },
      () => true,
    ).specs;
    expect(abortingThreshold(aggregator.aggregates, empty)).toBeUndefined();
    // At the end k6 evaluates the empty metric as zeros: the threshold then fails.
    expect(evaluateThresholds(aggregator.aggregates, empty)[0]).toMatchObject({ ok: false, observed: 0 });
  });

  test('a sub-metric nobody declared is reported failed, never silently passed', () => {
    const aggregator = createK6StreamAggregator();
    for (const line of metricLines()) aggregator.push(line);
    for (const line of requestLines(0, 100, { rate: 100, startMs: START_MS })) aggregator.push(line);
    const [result] = evaluateThresholds(aggregator.aggregates, {
      'http_req_duration{service:order-service}': ['p(95)<1000'],
    });
    expect(result).toMatchObject({ ok: false, observed: undefined });
  });
});

describe('lines', () => {
  test('Metric lines define metrics and their announced sub-metrics; unusable lines are counted as skipped', () => {
    const seconds: TimeSeriesLine[] = [];
    const aggregator = createK6StreamAggregator({ onSeconds: (lines) => seconds.push(...lines) });
    aggregator.push(
      '{"type":"Metric","data":{"name":"orders","type":"counter","contains":"default","thresholds":["count>0"],"submetrics":[{"name":"orders{kind:paid}","suffix":"kind:paid","tags":{"kind":"paid"}}]},"metric":"orders"}',
    );
    aggregator.push(
      '{"metric":"orders","type":"Point","data":{"time":"2026-01-01T00:00:00.25Z","value":2,"tags":{"kind":"paid"}}}',
    );
    aggregator.push('not json');
    aggregator.push(
      '{"metric":"undeclared","type":"Point","data":{"time":"2026-01-01T00:00:00Z","value":1}}',
    );
    aggregator.push('{"metric":"orders","type":"Point","data":{"time":"yesterday","value":1}}');
    aggregator.push('');
    aggregator.finish();
    expect(aggregator.stats()).toMatchObject({ points: 1, skipped: 3, lines: 1 });
    const summary = summaryFromAggregates(aggregator.aggregates, { testRunDurationMs: 1000 });
    expect(summary.metrics['orders{kind:paid}']).toEqual({
      type: 'counter',
      contains: 'default',
      values: { count: 2, rate: 2 },
    });
    expect(seconds).toEqual([
      {
        t: 1767225600,
        metric: 'orders',
        type: 'counter',
        tags: { kind: 'paid' },
        values: { count: 2, rate: 2 },
      },
    ]);
  });
});
