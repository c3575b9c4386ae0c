// One series from several runners' series, as one k6 would have written it: lines of the same second,
// metric and tags (once the runner tags are dropped) merge — counters, rates and latency buckets add
// up exactly, gauges (each runner's VUs) are summed — and seconds come out in time order.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeOneSecond, mergeRunnerSeries } from '../../../../src/engine/k6-operator/merge-runner-series.ts';
import { LatencyHistogram } from '../../../../src/results/latency-histogram.ts';
import {
  readTimeSeries,
  type TimeSeriesLine,
  TimeSeriesWriter,
} from '../../../../src/results/timeseries-file.ts';

const runner = (n: number) => ({ instance_id: String(n), testrun_name: 'tr' });
const trend = (t: number, n: number, samples: number[]): TimeSeriesLine => {
  const histogram = new LatencyHistogram();
  for (const s of samples) histogram.add(s);
  return {
    t,
    metric: 'http_req_duration',
    type: 'trend',
    tags: { service: 'order-service', ...runner(n) },
    values: {
      count: samples.length,
      avg: samples.reduce((a, b) => a + b, 0) / samples.length,
      min: Math.min(...samples),
      max: Math.max(...samples),
      'p(95)': 0,
    },
    hist: histogram.toPairs(),
  };
};

describe('merging the runners’ series', () => {
  it('sums gauges, counters and rates of one second and drops the runner tags', () => {
    const merged = mergeOneSecond([
      { t: 5, metric: 'vus', type: 'gauge', tags: runner(1), values: { value: 25, min: 20, max: 25 } },
      { t: 5, metric: 'vus', type: 'gauge', tags: runner(2), values: { value: 24, min: 20, max: 24 } },
      {
        t: 5,
        metric: 'http_reqs',
        type: 'counter',
        tags: { ...runner(1), status: '200' },
        values: { count: 10, rate: 10 },
      },
      {
        t: 5,
        metric: 'http_reqs',
        type: 'counter',
        tags: { ...runner(2), status: '200' },
        values: { count: 7, rate: 7 },
      },
      {
        t: 5,
        metric: 'http_req_failed',
        type: 'rate',
        tags: runner(1),
        values: { rate: 0.5, passes: 1, fails: 1 },
      },
      {
        t: 5,
        metric: 'http_req_failed',
        type: 'rate',
        tags: runner(2),
        values: { rate: 0, passes: 0, fails: 2 },
      },
    ]);
    expect(merged).toEqual([
      { t: 5, metric: 'vus', type: 'gauge', tags: {}, values: { value: 49, min: 40, max: 49 } },
      {
        t: 5,
        metric: 'http_reqs',
        type: 'counter',
        tags: { status: '200' },
        values: { count: 17, rate: 17 },
      },
      {
        t: 5,
        metric: 'http_req_failed',
        type: 'rate',
        tags: {},
        values: { rate: 0.25, passes: 1, fails: 3 },
      },
    ]);
  });

  it('adds latency buckets, so percentiles are those of all samples, not an average of the runners’', () => {
    const fast = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
    const slow = [400, 410, 420];
    const [line] = mergeOneSecond([trend(9, 1, fast), trend(9, 2, slow)]);
    const all = new LatencyHistogram();
    for (const s of [...fast, ...slow]) all.add(s);
    expect(line!.hist).toEqual(all.toPairs());
    expect(line!.values).toMatchObject({ count: 13, min: 10, max: 420 });
    expect(line!.values['p(95)']).toBeCloseTo(all.quantile(0.95)!, 6);
    expect(line!.tags).toEqual({ service: 'order-service' });
    expect(line).not.toHaveProperty('span');
  });

  it('leaves a line only one runner has as it was, runner tags aside', () => {
    const only = trend(3, 1, [5, 6]);
    expect(mergeOneSecond([only])).toEqual([{ ...only, tags: { service: 'order-service' } }]);
  });

  it('writes the seconds of all runners in time order', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'merge-series-')), 'timeseries.ndjson');
    const count = (t: number, n: number, c: number): TimeSeriesLine => ({
      t,
      metric: 'iterations',
      type: 'counter',
      tags: runner(n),
      values: { count: c, rate: c },
    });
    const writer = new TimeSeriesWriter(file);
    await mergeRunnerSeries(
      [
        [count(1, 1, 1), count(2, 1, 2), count(4, 1, 4)],
        [count(2, 2, 20), count(3, 2, 30)],
      ],
      writer,
    );
    await writer.close();
    const lines: TimeSeriesLine[] = [];
    for await (const l of readTimeSeries(file)) lines.push(l);
    expect(lines.map((l) => [l.t, l.values.count])).toEqual([
      [1, 1],
      [2, 22],
      [3, 30],
      [4, 4],
    ]);
  });
});
