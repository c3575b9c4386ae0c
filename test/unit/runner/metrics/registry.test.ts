import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/errors.ts';
import { MetricRegistry } from '../../../../src/runner/metrics/registry.ts';
import type { Tags } from '../../../../src/runner/metrics/types.ts';

const T0 = 1_700_000_000_000;
const order: Tags = Object.freeze({
  service: 'order-service',
  op: 'order_create',
  status: '201',
  url: 'http://x/1',
});
const product: Tags = Object.freeze({
  service: 'product-service',
  op: 'product_read',
  status: '200',
  url: 'http://x/2',
});

describe('MetricRegistry definitions', () => {
  it('predefines k6 built-in metrics with their types', () => {
    const r = new MetricRegistry();
    expect(r.typeOf('http_req_duration')).toBe('trend');
    expect(r.get('http_req_duration')?.contains).toBe('time');
    expect(r.typeOf('http_req_failed')).toBe('rate');
    expect(r.typeOf('vus')).toBe('gauge');
    expect(r.get('data_received')?.contains).toBe('data');
    expect(r.metricNames()).toContain('http_req_duration{expected_response:true}');
  });

  it('is idempotent and rejects a conflicting redefinition or a bad name', () => {
    const r = new MetricRegistry();
    r.define('my_trend', 'trend', 'time');
    r.define('my_trend', 'trend', 'time');
    expect(() => r.define('my_trend', 'counter')).toThrow(/trend\/time/);
    expect(() => r.define('my_trend', 'counter')).toThrow(ConfigError);
    expect(() => r.define('9bad', 'counter')).toThrow(ConfigError);
    expect(() => r.add('nope', 1, {})).toThrow(/not defined/);
  });

  it('dedupes sub-metrics written with other order or quoting and rejects bad selectors', () => {
    const r = new MetricRegistry();
    const key = r.defineSubmetric('http_req_duration{service:order-service,op:order_create}');
    expect(key).toBe('http_req_duration{service:order-service,op:order_create}');
    expect(r.defineSubmetric('http_req_duration{ op:"order_create" , service:order-service }')).toBe(key);
    expect(r.resolveKey('http_req_duration{ op:"order_create" , service:order-service }')).toBe(key);
    expect(() => r.defineSubmetric('http_req_duration{}')).toThrow(ConfigError);
    expect(() => r.defineSubmetric('unknown_metric{a:b}')).toThrow(/unknown metric/);
  });
});

describe('MetricRegistry sub-metric routing', () => {
  it('adds a sample to every sub-metric whose tags all match', () => {
    const r = new MetricRegistry();
    const orders = r.defineSubmetric('http_req_duration{service:order-service}');
    const created = r.defineSubmetric('http_req_duration{service:order-service,status:"201"}');
    const products = r.defineSubmetric("http_req_duration{service:'product-service'}");
    r.add('http_req_duration', 10, order, T0);
    r.add('http_req_duration', 30, order, T0);
    r.add('http_req_duration', 100, product, T0);
    r.add('http_req_duration', 5, { service: 'order-service', status: '500' }, T0);
    expect(r.get('http_req_duration')?.count).toBe(4);
    expect(r.get(orders)?.count).toBe(3);
    expect(r.get(created)?.value('avg', 1000)).toBe(20);
    expect(r.get(products)?.value('max', 1000)).toBe(100);
  });

  it('marks declared sub-metrics and their parent as observed, not the default one', () => {
    const r = new MetricRegistry();
    r.define('errors', 'counter');
    r.defineSubmetric('errors{kind:auth}');
    expect(r.isObserved('errors')).toBe(true);
    expect(r.isObserved('errors{kind:auth}')).toBe(true);
    expect(r.isObserved('http_req_duration{expected_response:true}')).toBe(false);
    expect(r.isObserved('iterations')).toBe(false);
    r.add('iterations', 1, {}, T0);
    expect(r.isObserved('iterations')).toBe(true);
  });

  it('treats booleans as 1/0 for rates', () => {
    const r = new MetricRegistry();
    r.add('checks', true, {}, T0);
    r.add('checks', false, {}, T0);
    r.add('checks', true, {}, T0);
    expect(r.get('checks')?.value('rate', 1000)).toBeCloseTo(2 / 3, 12);
  });
});

/** A deterministic mixed workload spread over three seconds. */
function record(r: MetricRegistry, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const tags = i % 3 === 0 ? product : order;
    const timeMs = T0 + (i % 3000);
    r.add('http_req_duration', 5 + ((i * 37) % 400), tags, timeMs);
    r.add('http_reqs', 1, tags, timeMs);
    r.add('http_req_failed', i % 50 === 0, tags, timeMs);
    r.add('vus', i % 17, {}, timeMs);
  }
}

const STATS: Record<string, string[]> = {
  http_req_duration: ['avg', 'min', 'max', 'med', 'p(90)', 'p(99)'],
  'http_req_duration{service:order-service}': ['avg', 'min', 'max', 'med', 'p(95)'],
  http_reqs: ['count', 'rate'],
  http_req_failed: ['rate', 'passes', 'fails'],
  vus: ['value', 'min', 'max'],
};

function snapshot(r: MetricRegistry): Record<string, (number | undefined)[]> {
  return Object.fromEntries(
    Object.entries(STATS).map(([k, stats]) => [k, stats.map((s) => r.get(k)?.value(s, 3000))]),
  );
}

describe('MetricRegistry deltas', () => {
  it('merging worker deltas equals recording everything in one registry', () => {
    const single = new MetricRegistry({ timeSeries: true });
    single.defineSubmetric('http_req_duration{service:order-service}');
    record(single, 0, 3000);

    const main = new MetricRegistry({ timeSeries: true });
    const workers = [new MetricRegistry({ timeSeries: true }), new MetricRegistry({ timeSeries: true })];
    for (const w of workers) w.defineSubmetric('http_req_duration{service:order-service}');
    record(workers[0]!, 0, 1000);
    main.mergeDelta(structuredClone(workers[0]!.takeDelta()));
    record(workers[1]!, 1000, 2500);
    record(workers[0]!, 2500, 3000);
    for (const w of workers) main.mergeDelta(structuredClone(w.takeDelta()));

    expect(snapshot(main)).toEqual(snapshot(single));
    expect(main.takeCompletedSeconds(Number.POSITIVE_INFINITY)).toEqual(
      single.takeCompletedSeconds(Number.POSITIVE_INFINITY),
    );
  });

  it('announces custom metrics and declared sub-metrics even without samples', () => {
    const worker = new MetricRegistry();
    worker.define('cart_size', 'trend');
    worker.defineSubmetric('cart_size{tier:gold}');
    const main = new MetricRegistry();
    main.mergeDelta(worker.takeDelta());
    expect(main.typeOf('cart_size')).toBe('trend');
    expect(main.isObserved('cart_size{tier:gold}')).toBe(true);
    expect(worker.takeDelta().metrics).toEqual([]);
  });
});

describe('MetricRegistry time series', () => {
  it('buckets per second and tag-set, dropping url/vu/iter, and forgets written seconds', () => {
    const r = new MetricRegistry({ timeSeries: true });
    r.add('http_reqs', 1, { ...order, vu: '3', iter: '9' }, T0 + 100);
    r.add('http_reqs', 1, order, T0 + 900);
    r.add('http_reqs', 1, order, T0 + 1100);
    r.add('http_req_duration', 10, product, T0 + 200);
    r.add('http_req_duration', 30, product, T0 + 300);
    const first = r.takeCompletedSeconds(T0 / 1000 + 1);
    // HDR reports a bucket's upper edge: 10 ms is 10.007 at 3 significant digits.
    expect(first[0]?.values['p(50)']).toBeCloseTo(10, 1);
    first[0]!.values['p(50)'] = 10;
    expect(first).toEqual([
      {
        t: T0 / 1000,
        metric: 'http_req_duration',
        type: 'trend',
        tags: { op: 'product_read', service: 'product-service', status: '200' },
        values: { count: 2, avg: 20, min: 10, max: 30, 'p(50)': 10, 'p(90)': 30, 'p(95)': 30, 'p(99)': 30 },
        // The samples' 2 % latency buckets (bucketOf(10) = 465, bucketOf(30) = 520), one each.
        hist: [465, 1, 520, 1],
      },
      {
        t: T0 / 1000,
        metric: 'http_reqs',
        type: 'counter',
        tags: { op: 'order_create', service: 'order-service', status: '201' },
        values: { count: 2, rate: 2 },
      },
    ]);
    expect(r.takeCompletedSeconds(T0 / 1000 + 1)).toEqual([]);
    expect(r.takeCompletedSeconds(Number.POSITIVE_INFINITY).map((l) => [l.t, l.values.count])).toEqual([
      [T0 / 1000 + 1, 1],
    ]);
  });
});
