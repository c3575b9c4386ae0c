// The stand-in's v2: C4ANG_PERF_STANDIN_V2 / --v2 parsing (every problem named by its label), the
// validation of a v2 given in code, and the gateway's subset choice — an exact header match on the
// v2's own service only — with v2's slowdown (× the proxied time) and failures (500 at once, never
// proxied, so no retry hides them).
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, test } from 'vitest';
import { canarySubset, SUBSET_HEADER, throughSubset } from '../../../src/target/gateway/canary-route.ts';
import type { ProxyResult } from '../../../src/target/gateway/proxy-request.ts';
import { parseStandinV2, standinV2Problems, withV2Header } from '../../../src/target/standin-v2.ts';
import type { StandinV2 } from '../../../src/target/types.ts';

const LABEL = 'C4ANG_PERF_STANDIN_V2';

describe('parseStandinV2', () => {
  test.each([
    ['order-service', { service: 'order-service', slowdown: 1, errorPercent: 0 }],
    ['order-service,slowdown=3', { service: 'order-service', slowdown: 3, errorPercent: 0 }],
    [
      ' payment-service , errors=5 , slowdown=1.5',
      { service: 'payment-service', slowdown: 1.5, errorPercent: 5 },
    ],
    // The plan's name for the Deployment names the same service.
    ['order-api,errors=100', { service: 'order-service', slowdown: 1, errorPercent: 100 }],
  ])('%s', (text, expected) => {
    const problems: string[] = [];
    expect(parseStandinV2(text, LABEL, problems)).toEqual(expected);
    expect(problems).toEqual([]);
  });

  test('unset or empty: no v2', () => {
    const problems: string[] = [];
    expect(parseStandinV2(undefined, LABEL, problems)).toBeUndefined();
    expect(parseStandinV2('  ', LABEL, problems)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  test.each([
    ['orders', /"orders" is not a service/],
    ['order-service,slowdown=0.5', /slowdown must be a factor with 1 ≤ f ≤ 100 \(got "0.5"\)/],
    ['order-service,slowdown=', /slowdown must be a factor/],
    ['order-service,errors=101', /errors must be a percentage with 0 ≤ e ≤ 100 \(got "101"\)/],
    ['order-service,latency=3', /unknown option "latency=3"/],
    ['order-service,slowdown=2,slowdown=3', /slowdown given twice/],
  ])('%s is a problem naming the variable', (text, message) => {
    const problems: string[] = [];
    expect(parseStandinV2(text, LABEL, problems)).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${LABEL}: `));
    expect(problems[0]).toMatch(message);
  });

  test('the header defaults to the plan’s x-version: v2', () => {
    const v2 = withV2Header({ service: 'order-service', slowdown: 3, errorPercent: 0 });
    expect(v2.header).toEqual({ name: 'x-version', value: 'v2' });
    expect(standinV2Problems(v2)).toEqual([]);
    expect(standinV2Problems({ ...v2, service: 'nope', slowdown: 0, errorPercent: -1 })).toHaveLength(3);
  });
});

const V2: StandinV2 = {
  service: 'order-service',
  slowdown: 3,
  errorPercent: 0,
  header: { name: 'x-version', value: 'v2' },
};
const answer = (status: number): ProxyResult => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('{}'),
  replica: 'order-service-abc',
  retries: 0,
  flags: [],
});

describe('canarySubset', () => {
  const headers = (value?: string): IncomingHttpHeaders =>
    value === undefined ? {} : { 'x-version': value };
  test('only the exact header value on the v2’s own service goes to v2', () => {
    expect(canarySubset(V2, 'order-service', headers('v2'))).toBe(V2);
    expect(canarySubset(V2, 'order-service', headers('V2'))).toBeUndefined();
    expect(canarySubset(V2, 'order-service', headers())).toBeUndefined();
    expect(canarySubset(V2, 'product-service', headers('v2'))).toBeUndefined();
    expect(canarySubset(undefined, 'order-service', headers('v2'))).toBeUndefined();
  });
});

describe('throughSubset', () => {
  const signal = new AbortController().signal;

  test('v1 is proxied as it is', async () => {
    const result = await throughSubset(undefined, signal, async () => answer(201));
    expect(result.status).toBe(201);
    expect(result.headers[SUBSET_HEADER]).toBeUndefined();
  });

  test('v2 takes slowdown × the proxied time and says it was v2', async () => {
    const proxy = () => new Promise<ProxyResult>((resolve) => setTimeout(() => resolve(answer(201)), 40));
    const started = performance.now();
    const result = await throughSubset(V2, signal, proxy, () => 0.99);
    const elapsed = performance.now() - started;
    expect(result.status).toBe(201);
    expect(result.headers[SUBSET_HEADER]).toBe('v2');
    expect(elapsed).toBeGreaterThanOrEqual(3 * 40 - 5);
    expect(elapsed).toBeLessThan(3 * 40 + 200);
  });

  test('a failing v2 request is answered 500 at once, never proxied', async () => {
    let proxied = 0;
    const failing = { ...V2, errorPercent: 20 };
    const results = await Promise.all(
      [0.05, 0.19, 0.2, 0.9].map((draw) =>
        throughSubset(
          failing,
          signal,
          async () => {
            proxied++;
            return answer(201);
          },
          () => draw,
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([500, 500, 201, 201]);
    expect(proxied).toBe(2);
    expect(JSON.parse(results[0]!.body.toString())).toMatchObject({ error: { code: 'V2_ERROR' } });
  });

  test('the client going away ends v2’s extra wait', async () => {
    const controller = new AbortController();
    const slow = { ...V2, slowdown: 100 };
    const proxy = () => new Promise<ProxyResult>((resolve) => setTimeout(() => resolve(answer(200)), 20));
    setTimeout(() => controller.abort(), 60);
    const started = performance.now();
    await throughSubset(slow, controller.signal, proxy, () => 0.99);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
