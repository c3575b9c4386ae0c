// The mesh behaviour the chaos experiments rely on, with shortened policy times: retries hide a killed
// replica, the supervisor restarts it, outlier detection ejects and returns replicas, pool overflow
// answers 503 UO, SIGTERM drains, pod-failure/restart, and gateway faults by source service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTarget, startTarget } from '../../../src/target/index.ts';
import { type JsonResponse, call, gatewayMetric, waitFor } from './target-client.ts';

let target: RunningTarget;
const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(target.baseUrl, method, path, body, headers);
const admin = (method: string, path: string, body?: unknown) => call(target.adminUrl, method, path, body);
const replicasOf = (service: string) => target.replicas().filter((r) => r.service === service);
const replica = (name: string) => target.replicas().find((r) => r.name === name)!;

beforeAll(async () => {
  target = await startTarget({
    port: 0,
    adminPort: 0,
    restartDelayMs: 300,
    drainTimeoutMs: 3000,
    latency: { product_read: { baseMs: 30, jitterMs: 0 }, recommendations: { baseMs: 400, jitterMs: 0 } },
    policy: {
      timeoutMs: 5000,
      perTryTimeoutMs: 2000,
      baseEjectionTimeMs: 1500,
      ejectionIntervalMs: 200,
      maxConnections: 8,
      maxRequests: 8,
      maxPendingRequests: 4,
    },
  });
});
afterAll(async () => {
  await target?.stop();
});

/** `workers` loops of GET `path` for durationMs; `during` runs once after startDelayMs. */
async function loadWhile(
  path: string,
  workers: number,
  durationMs: number,
  startDelayMs: number,
  during: () => Promise<unknown>,
) {
  const results: JsonResponse[] = [];
  const end = Date.now() + durationMs;
  const loops = Array.from({ length: workers }, async () => {
    while (Date.now() < end) results.push(await api('GET', path));
  });
  await new Promise((r) => setTimeout(r, startDelayMs));
  await during();
  await Promise.all(loops);
  return results;
}

describe('pod-kill', () => {
  it('retries hide a SIGKILLed replica and the supervisor restarts it under the same name', async () => {
    // A retry shows only when a request was in flight on the victim as it died; on a busy machine
    // one kill can land between requests, so up to three kills (each victim back before the next).
    let retried = false;
    for (let attempt = 0; attempt < 3 && !retried; attempt++) {
      const victim = replicasOf('product-service')[attempt % 2];
      const restartsBefore = victim.restarts;
      const results = await loadWhile('/api/v1/products/p-0001', 8, 1500, 300, () =>
        admin('POST', `/replicas/${victim.name}/kill`, {}),
      );
      const failures = results.filter((r) => r.status !== 200);
      expect(results.length).toBeGreaterThan(50);
      expect(failures.map((r) => `${r.status} ${r.text}`)).toEqual([]);
      retried = results.some((r) => Number(r.headers['x-retry-count']) > 0);
      const back = await waitFor('victim ready again', async () => {
        const now = replica(victim.name);
        return now.state === 'ready' && now.restarts === restartsBefore + 1 && now;
      });
      expect(back.pid).not.toBe(victim.pid);
    }
    expect(retried, 'no request was retried in three kills').toBe(true);
  });
});

describe('outlier detection', () => {
  it('ejects a replica after 5 consecutive 5xx and returns it after the ejection time', async () => {
    const [bad, good] = replicasOf('customer-service');
    const { json } = await admin('POST', '/faults', {
      service: 'customer-service',
      kind: 'abort',
      abortStatus: 503,
      replica: bad.name,
    });
    const seen: JsonResponse[] = [];
    for (let i = 0; i < 30; i++) seen.push(await api('GET', '/api/v1/customers/c-0001'));
    expect(seen.every((r) => r.status === 200)).toBe(true);
    expect(
      await gatewayMetric(
        target.baseUrl,
        'envoy_cluster_outlier_detection_ejections_active{cluster_name="customer-service"}',
      ),
    ).toBe(1);
    expect(
      seen
        .slice(-10)
        .every((r) => r.headers['x-upstream-replica'] === good.name && r.headers['x-retry-count'] === '0'),
    ).toBe(true);
    await admin('DELETE', `/faults/${json.id}`);
    await waitFor(
      'ejected replica serving again',
      async () => (await api('GET', '/api/v1/customers/c-0002')).headers['x-upstream-replica'] === bad.name,
      6000,
    );
    expect(
      await gatewayMetric(
        target.baseUrl,
        'envoy_cluster_outlier_detection_ejections_active{cluster_name="customer-service"}',
      ),
    ).toBe(0);
  });

  it('never ejects more than 50 % of a service', async () => {
    await admin('POST', '/faults', {
      id: 'all-saga',
      service: 'saga-tracker',
      kind: 'abort',
      abortStatus: 500,
    });
    for (let i = 0; i < 8; i++) expect((await api('GET', '/api/v1/saga/o-x')).status).toBe(500);
    expect(
      await gatewayMetric(
        target.baseUrl,
        'envoy_cluster_outlier_detection_ejections_active{cluster_name="saga-tracker"}',
      ),
    ).toBe(1);
    await admin('DELETE', '/faults/all-saga');
  });
});

describe('connection pool', () => {
  it('answers 503 with the UO overflow flag beyond maxConnections + maxPendingRequests', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => api('GET', '/api/v1/recommendations?customerId=c-0001')),
    );
    const overflow = results.filter((r) => r.status === 503);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(12);
    expect(overflow.length).toBeGreaterThanOrEqual(1);
    expect(
      overflow.every(
        (r) => r.headers['x-response-flags'] === 'UO' && r.headers['x-envoy-overloaded'] === 'true',
      ),
    ).toBe(true);
  });
});

describe('graceful shutdown', () => {
  it('a SIGTERMed replica finishes its in-flight request, reports draining, then is restarted', async () => {
    const victim = replicasOf('recommendation-service')[0];
    const inFlight = call(
      `http://127.0.0.1:${victim.port}`,
      'GET',
      '/api/v1/recommendations?customerId=c-0004',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect((await admin('POST', `/replicas/${victim.name}/kill`, { signal: 'SIGTERM' })).status).toBe(202);
    await waitFor('draining state', async () => replica(victim.name).state === 'draining', 2000);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeGreaterThan(0);
    await waitFor(
      'restarted after drain',
      async () => replica(victim.name).state === 'ready' && replica(victim.name).restarts === 1,
    );
  });
});

describe('pod-failure and container restart', () => {
  it('fail keeps a replica down for the duration, then starts it again; the service stays available', async () => {
    const [victim] = replicasOf('payment-service');
    expect((await admin('POST', `/replicas/${victim.name}/fail`, { durationMs: 800 })).status).toBe(202);
    await waitFor(
      'failed',
      async () => replica(victim.name).state === 'failed' && replica(victim.name).pid === 0,
      2000,
    );
    expect((await api('GET', '/api/v1/payments/health')).status).toBe(200);
    await waitFor(
      'back after the duration',
      async () => replica(victim.name).state === 'ready' && replica(victim.name).restarts === 1,
      5000,
    );
  });

  it('recover ends a failure early; restart starts a new process at once', async () => {
    const [victim] = replicasOf('order-service');
    await admin('POST', `/replicas/${victim.name}/fail`, { durationMs: 60_000 });
    await waitFor('failed', async () => replica(victim.name).state === 'failed', 2000);
    expect((await admin('POST', `/replicas/${victim.name}/recover`)).status).toBe(200);
    await waitFor('recovered', async () => replica(victim.name).state === 'ready', 5000);
    const pid = replica(victim.name).pid;
    expect((await admin('POST', `/replicas/${victim.name}/restart`)).status).toBe(202);
    await waitFor(
      'restarted',
      async () =>
        replica(victim.name).state === 'ready' &&
        replica(victim.name).pid !== pid &&
        replica(victim.name).restarts === 2,
      5000,
    );
  });
});

describe('gateway faults', () => {
  it('an abort scoped to calls from payment-service fails payments but not direct order reads', async () => {
    const order = (
      await api('POST', '/api/v1/orders', {
        customerId: 'c-0010',
        items: [{ productId: 'p-0010', quantity: 1 }],
      })
    ).json;
    await admin('POST', '/faults', {
      id: 'pay-to-order',
      service: 'order-service',
      kind: 'abort',
      abortStatus: 503,
      sourceService: 'payment-service',
    });
    const pay = () =>
      api(
        'POST',
        '/api/v1/payments',
        { orderId: order.id, amount: order.total, method: 'card' },
        { 'idempotency-key': `key-${order.id}` },
      );
    expect((await pay()).status).toBe(503);
    expect((await api('GET', `/api/v1/orders/${order.id}`)).status).toBe(200);
    expect((await admin('GET', '/faults')).json).toHaveLength(1);
    await admin('DELETE', '/faults');
    expect((await pay()).status).toBe(201);
  });

  it('a delay fault slows matching requests and is flagged DI', async () => {
    await admin('POST', '/faults', {
      id: 'slow',
      service: 'product-service',
      kind: 'delay',
      delayMs: 300,
      pathPrefix: '/api/v1/products/p-0002',
    });
    const started = Date.now();
    const res = await api('GET', '/api/v1/products/p-0002');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(res.status).toBe(200);
    expect(res.headers['x-response-flags']).toBe('DI');
    await admin('DELETE', '/faults/slow');
  });
});
