// The stand-in's v2 of one service, chosen by header at the gateway as the platform's VirtualService
// would: only that service's requests with the exact header go to v2 (x-upstream-subset: v2), which
// is slower by its factor; a failing v2 answers 500 without touching a replica, so retries hide
// nothing. One target per case, started with the v2 option as a load run passes it.
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningTarget, startTarget } from '../../../src/target/index.ts';
import { withV2Header } from '../../../src/target/standin-v2.ts';
import { call } from './target-client.ts';

let target: RunningTarget | undefined;
afterEach(async () => {
  await target?.stop();
  target = undefined;
});

const V2 = { 'x-version': 'v2' };
const order = { customerId: 'c-0001', items: [{ productId: 'p-0001', quantity: 1 }] };

/** Median of `n` sequential calls, ms. */
async function medianMs(n: number, send: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await send();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)]!;
}

describe('the stand-in’s v2 (C4ANG_PERF_STANDIN_V2)', () => {
  it('routes by the exact header on its own service only, and is slower by its factor', async () => {
    // Service time large enough that the factor, not the machine's noise, sets the difference.
    target = await startTarget({
      port: 0,
      adminPort: 0,
      latency: { order_read: { baseMs: 20, jitterMs: 0 } },
      v2: withV2Header({ service: 'order-service', slowdown: 4, errorPercent: 0 }),
    });
    const created = await call(target.baseUrl, 'POST', '/api/v1/orders', order);
    expect(created.status).toBe(201);
    const read = (headers: Record<string, string>) =>
      call(target!.baseUrl, 'GET', `/api/v1/orders/${created.json.id}`, undefined, headers);
    expect((await read(V2)).headers['x-upstream-subset']).toBe('v2');
    expect((await read({})).headers['x-upstream-subset']).toBeUndefined();
    expect((await read({ 'x-version': 'v3' })).headers['x-upstream-subset']).toBeUndefined();
    const product = await call(target.baseUrl, 'GET', '/api/v1/products/p-0001', undefined, V2);
    expect(product.status).toBe(200);
    expect(product.headers['x-upstream-subset']).toBeUndefined();
    const v1Ms = await medianMs(15, () => read({}));
    const v2Ms = await medianMs(15, () => read(V2));
    expect(v2Ms / v1Ms).toBeGreaterThan(2.5);
  });

  it('a failing v2 answers 500 at once, never reaching a replica', async () => {
    target = await startTarget({
      port: 0,
      adminPort: 0,
      v2: withV2Header({ service: 'order-service', slowdown: 1, errorPercent: 100 }),
    });
    const failed = await call(target.baseUrl, 'POST', '/api/v1/orders', order, V2);
    expect(failed.status).toBe(500);
    expect(failed.json).toMatchObject({ error: { code: 'V2_ERROR' } });
    expect(failed.headers['x-upstream-subset']).toBe('v2');
    expect(failed.headers['x-retry-count']).toBe('0');
    expect(failed.headers['x-upstream-replica']).toBeUndefined();
    expect((await call(target.baseUrl, 'POST', '/api/v1/orders', order)).status).toBe(201);
  });
});
