// k6 `--out json` lines for the stream tests, written by the runner's own k6 JSON encoder (the format
// it is tested against in test/unit/runner/output): request-shaped samples over six services, with
// values that are multiples of 0.25 ms so sums are exact in any order.
import type { MetricType, Tags, ValueContains } from '../../../../src/runner/metrics/types.ts';
import { encodeK6MetricLine, K6JsonEncoder } from '../../../../src/runner/output/k6-json-encode.ts';

const SERVICES = ['customer', 'product', 'order', 'payment', 'recommendation', 'saga'];

export const METRICS: [string, MetricType, ValueContains][] = [
  ['http_reqs', 'counter', 'default'],
  ['http_req_duration', 'trend', 'time'],
  ['http_req_failed', 'rate', 'default'],
  ['checks', 'rate', 'default'],
  ['vus', 'gauge', 'default'],
];

export function metricLines(): string[] {
  return METRICS.map(([name, type, contains]) =>
    encodeK6MetricLine({ name, type, contains, submetrics: [] }).trimEnd(),
  );
}

export interface RequestShape {
  /** Requests per second of sample time. */
  readonly rate: number;
  readonly startMs: number;
  /** Latency of request r, ms (keep it a multiple of 0.25). */
  readonly latency?: (r: number) => number;
  /** Whether request r failed. */
  readonly failed?: (r: number) => boolean;
}

/** Point lines of requests [from, to): 4 samples each, plus a `vus` sample every 100th request. */
export function requestLines(from: number, to: number, shape: RequestShape): string[] {
  const encoder = new K6JsonEncoder();
  for (let r = from; r < to; r++) {
    // A whole number of µs past a whole ms, so times survive the RFC 3339 round trip unchanged.
    const timeMs = shape.startMs + Math.floor((r * 1000) / shape.rate) + 0.5;
    const failed = shape.failed?.(r) ?? false;
    const tags: Tags = {
      service: `${SERVICES[r % SERVICES.length]}-service`,
      status: failed ? '500' : '200',
      expected_response: String(!failed),
      group: '',
      url: `http://127.0.0.1/${r}`,
    };
    encoder.add('http_reqs', 1, tags, timeMs);
    encoder.add('http_req_duration', shape.latency?.(r) ?? 1 + (r % 400) * 0.25, tags, timeMs);
    encoder.add('http_req_failed', failed ? 1 : 0, tags, timeMs);
    encoder.add('checks', failed ? 0 : 1, { check: 'status is 2xx', group: '' }, timeMs);
    if (r % 100 === 0) encoder.add('vus', 10 + (r % 7), null, timeMs);
  }
  return encoder.take().text.trimEnd().split('\n');
}
