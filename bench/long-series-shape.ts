// The shape of a full-scale soak's time series, generated a second at a time for bench/long-series.ts:
// the metrics, tag sets, request mix and number formats a real local-runner run writes (taken from a
// spike run's timeseries.ndjson; request durations drawn as samples, with their buckets), at a chosen
// rate, with faults that add errors or latency to one service. Deterministic (seeded).
// Runs in: Node (benchmarks).
import type { ChaosKind } from '../src/chaos/kinds/types.ts';
import { latencyBucketPairs } from '../src/results/latency-histogram.ts';
import type { TimeSeriesLine } from '../src/results/timeseries-file.ts';
import type { Tags } from '../src/runner/metrics/types.ts';
import { createRandom } from '../src/vu/seeded-random.ts';
import { OPERATIONS, type Operation } from './long-series-mix.ts';

export interface Fault {
  name: string;
  kind: ChaosKind;
  service: string;
  /** Seconds from the start of the run. */
  fromS: number;
  durationS: number;
  /** errors: 60 % of the service's requests fail fast with 503; latency: +100 ms on each. */
  effect: 'errors' | 'latency';
}

const EXTRA_CHECKS: Record<string, string> = {
  'customer read: body is the customer': 'customer_read',
  'order create: PENDING with id and total': 'order_create',
  'payment: for the order': 'payment',
  'product read: body is the product': 'product_read',
};
const OVERFLOW_SERVICES = [
  'customer-service',
  'order-service',
  'payment-service',
  'product-service',
  'saga-tracker',
];
const HTTP_TRENDS = [
  'http_req_blocked',
  'http_req_connecting',
  'http_req_duration',
  'http_req_receiving',
  'http_req_sending',
  'http_req_tls_handshaking',
  'http_req_waiting',
] as const;
const SCENARIO: Tags = Object.freeze({ group: '', scenario: 'soak' });
const NO_TAGS: Tags = Object.freeze({});
/** z-scores of p(50), p(90), p(95), p(99) in a normal distribution. */
const Z = [0, 1.2816, 1.6449, 2.3263];

const random = createRandom(20_260_101);

/** Durations as the runner writes them: differences of clock readings, with their float noise. */
function ms(value: number): number {
  const clock = 87_654.321_987;
  return clock + value - clock;
}

function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function countAround(mean: number): number {
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
}

/** Trend values of `n` samples from a log-normal spread around `medianMs`. */
function trend(n: number, medianMs: number, sigma = 0.35): Record<string, number> {
  if (medianMs === 0)
    return { count: n, avg: 0, min: 0, max: 0, 'p(50)': 0, 'p(90)': 0, 'p(95)': 0, 'p(99)': 0 };
  const at = (z: number) => ms(medianMs * Math.exp(sigma * (z + (random() - 0.5) * 0.2)));
  const max = ms(medianMs * Math.exp(sigma * (2.4 + random())));
  const quantiles = Z.map((z) => Math.min(max, at(z)));
  return {
    count: n,
    avg: ms(medianMs * Math.exp((sigma * sigma) / 2)),
    min: ms(medianMs * Math.exp(-sigma * (1 + random()))),
    max,
    'p(50)': quantiles[0],
    'p(90)': quantiles[1],
    'p(95)': quantiles[2],
    'p(99)': n < 100 ? max : quantiles[3],
  };
}

/**
 * `http_req_duration` as the runner writes it below 1024 samples a second: values from the samples
 * themselves (nearest rank) plus their buckets.
 */
function sampledTrend(
  n: number,
  medianMs: number,
  sigma = 0.35,
): { values: Record<string, number>; hist: number[] } {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(ms(medianMs * Math.exp(sigma * gaussian())));
  samples.sort((a, b) => a - b);
  const rank = (q: number) => samples[Math.max(0, Math.ceil(q * n) - 1)];
  const values = {
    count: n,
    avg: samples.reduce((sum, v) => sum + v, 0) / n,
    min: samples[0],
    max: samples[n - 1],
    'p(50)': rank(0.5),
    'p(90)': rank(0.9),
    'p(95)': rank(0.95),
    'p(99)': rank(0.99),
  };
  return { values, hist: latencyBucketPairs(samples) };
}

function requestTags(op: Operation, status: string): Tags {
  return Object.freeze({
    expected_response: status.startsWith('5') ? 'false' : 'true',
    group: '',
    method: op.method,
    name: op.name,
    op: op.op,
    proto: 'HTTP/1.1',
    scenario: 'soak',
    service: op.service,
    status,
  });
}
const TAGS = new Map(
  OPERATIONS.map((op) => [op, { ok: requestTags(op, op.status), failed: requestTags(op, '503') }]),
);

/** One array of lines per second, in the registry's order (metric, then tag set). */
export function* generateSoakSeconds(input: {
  startT: number;
  seconds: number;
  rate: number;
  faults: readonly Fault[];
}): Generator<TimeSeriesLine[]> {
  for (let s = 0; s < input.seconds; s++) {
    const t = input.startT + s;
    const active = input.faults.filter((f) => s >= f.fromS && s < f.fromS + f.durationS);
    const byMetric = new Map<string, TimeSeriesLine[]>();
    const push = (
      metric: string,
      type: TimeSeriesLine['type'],
      tags: Tags,
      values: Record<string, number>,
      hist?: number[],
    ) => {
      const lines = byMetric.get(metric) ?? [];
      if (lines.length === 0) byMetric.set(metric, lines);
      lines.push(hist ? { t, metric, type, tags, values, hist } : { t, metric, type, tags, values });
    };
    const checks = new Map<string, { passes: number; fails: number }>();
    let requests = 0;
    for (const op of OPERATIONS) {
      const n = countAround(input.rate * op.share);
      if (n === 0) continue;
      requests += n;
      const fault = active.find((f) => f.service === op.service);
      const failed = fault?.effect === 'errors' ? Math.round(n * 0.6) : 0;
      const p50 = op.p50Ms + (fault?.effect === 'latency' ? 100 : 0);
      const tags = TAGS.get(op)!;
      for (const [count, tagSet, median] of [
        [n - failed, tags.ok, p50],
        [failed, tags.failed, 1.5],
      ] as const) {
        if (count === 0) continue;
        for (const metric of HTTP_TRENDS) {
          if (metric !== 'http_req_duration')
            push(metric, 'trend', tagSet, trend(count, phaseMs(metric, median)));
          else {
            const { values, hist } = sampledTrend(count, median);
            push(metric, 'trend', tagSet, values, hist);
          }
        }
        const failures = tagSet === tags.failed ? count : 0;
        push('http_req_failed', 'rate', tagSet, {
          rate: failures / count,
          passes: failures,
          fails: count - failures,
        });
        push('http_reqs', 'counter', tagSet, { count, rate: count });
      }
      for (const check of [op.check, ...Object.keys(EXTRA_CHECKS).filter((c) => EXTRA_CHECKS[c] === op.op)]) {
        const c = checks.get(check) ?? { passes: 0, fails: 0 };
        c.passes += n - failed;
        c.fails += failed;
        checks.set(check, c);
      }
    }
    for (const [check, c] of [...checks].sort(([a], [b]) => (a < b ? -1 : 1)))
      push('checks', 'rate', Object.freeze({ check, ...SCENARIO }), {
        rate: c.passes / (c.passes + c.fails),
        ...c,
      });
    push('data_received', 'counter', SCENARIO, { count: requests * 1730, rate: requests * 1730 });
    push('data_sent', 'counter', SCENARIO, { count: requests * 610, rate: requests * 610 });
    for (const service of OVERFLOW_SERVICES) {
      const overflows = active.some((f) => f.service === service && f.effect === 'errors')
        ? countAround(3)
        : 0;
      push('gateway_overflows', 'counter', Object.freeze({ ...SCENARIO, service }), {
        count: overflows,
        rate: overflows,
      });
    }
    const iterations = Math.round(requests / 1.15);
    push('iteration_duration', 'trend', SCENARIO, trend(iterations, 38, 0.5));
    push('iterations', 'counter', SCENARIO, { count: iterations, rate: iterations });
    const vus = 8 + Math.round(random() * 12);
    push('vus', 'gauge', NO_TAGS, { value: vus, min: vus - 2, max: vus + 3 });
    push('vus_max', 'gauge', NO_TAGS, { value: 200, min: 200, max: 200 });
    yield [...byMetric.keys()].sort().flatMap((metric) => byMetric.get(metric)!);
  }
}

/** Median of each request phase given the request's median duration. */
function phaseMs(metric: (typeof HTTP_TRENDS)[number], durationMs: number): number {
  switch (metric) {
    case 'http_req_duration':
      return durationMs;
    case 'http_req_waiting':
      return durationMs * 0.98;
    case 'http_req_blocked':
      return 0.05;
    case 'http_req_sending':
      return 0.05;
    case 'http_req_receiving':
      return 0.01;
    default:
      return 0; // connecting, TLS: kept-alive plain HTTP
  }
}
