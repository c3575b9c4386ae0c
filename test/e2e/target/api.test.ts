// The stand-in's API and routing as the load scenarios drive them (DESIGN.md §1), bad input, the admin
// API and a busy port. One target for the whole file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetError } from '../../../src/errors.ts';
import { type RunningTarget, startTarget } from '../../../src/target/index.ts';
import { SERVICES } from '../../../src/vu/services.ts';
import { call, waitFor } from './target-client.ts';

let target: RunningTarget;
const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(target.baseUrl, method, path, body, headers);

beforeAll(async () => {
  target = await startTarget({ port: 0, adminPort: 0 });
});
afterAll(async () => {
  await target?.stop();
});

describe('routing', () => {
  it.each(SERVICES.map((s) => [s.prefix, s.name]))(
    '%s/health is answered by a %s replica',
    async (prefix, service) => {
      const res = await api('GET', `${prefix}/health`);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ status: 'UP', service });
      expect(res.headers['x-upstream-replica']).toMatch(new RegExp(`^${service}-`));
      expect(res.headers['x-retry-count']).toBe('0');
    },
  );

  it('answers an unknown path with a 404 JSON error', async () => {
    const res = await api('GET', '/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('routes any Host (the Gateway lists "*")', async () => {
    const res = await api('GET', '/api/v1/products/p-0001', undefined, { host: 'localhost' });
    expect(res.status).toBe(200);
  });

  it('started all replicas within a few seconds', () => {
    expect(target.replicas().filter((r) => r.state === 'ready')).toHaveLength(12);
    expect(target.startupMs).toBeLessThan(15_000);
  });
});

describe('API', () => {
  it('reads and lists customers and products', async () => {
    expect((await api('GET', '/api/v1/customers/c-0042')).json).toMatchObject({
      id: 'c-0042',
      name: expect.any(String),
      email: expect.any(String),
      tier: expect.any(String),
    });
    expect((await api('GET', '/api/v1/customers?limit=3&offset=10')).json).toMatchObject({
      total: 1000,
      items: [{ id: 'c-0011' }, { id: 'c-0012' }, { id: 'c-0013' }],
    });
    expect((await api('GET', '/api/v1/products/p-0500')).json).toMatchObject({
      id: 'p-0500',
      stock: 0,
      price: expect.any(Number),
      category: expect.any(String),
    });
    const books = await api('GET', '/api/v1/products?category=books&limit=5');
    expect(books.json.items).toHaveLength(5);
    expect(books.json.items.every((p: { category: string }) => p.category === 'books')).toBe(true);
    expect((await api('GET', '/api/v1/customers/c-9999')).status).toBe(404);
    expect((await api('GET', '/api/v1/products/does-not-exist')).status).toBe(404);
  });

  it('creates an order (201, PENDING, total from prices), records its saga and pays it once', async () => {
    const price = (await api('GET', '/api/v1/products/p-0007')).json.price;
    const order = await api('POST', '/api/v1/orders', {
      customerId: 'c-0001',
      items: [{ productId: 'p-0007', quantity: 3 }],
    });
    expect(order.status).toBe(201);
    expect(order.json).toMatchObject({
      status: 'PENDING',
      total: Math.round(price * 300) / 100,
      sagaId: expect.any(String),
    });
    const id = order.json.id as string;
    expect((await api('GET', `/api/v1/orders/${id}`)).json.id).toBe(id);
    const body = { orderId: id, amount: order.json.total, method: 'card' };
    const first = await api('POST', '/api/v1/payments', body, { 'idempotency-key': `k-${id}` });
    const replay = await api('POST', '/api/v1/payments', body, { 'idempotency-key': `k-${id}` });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(200);
    expect(replay.json.id).toBe(first.json.id);
    const otherKey = await api('POST', '/api/v1/payments', body, { 'idempotency-key': `k2-${id}` });
    expect(otherKey.status).toBe(409);
    // Saga steps are recorded asynchronously (fire-and-forget from order and payment).
    const saga = await waitFor('saga completed', async () => {
      const res = await api('GET', `/api/v1/saga/${id}`);
      return res.json?.state === 'COMPLETED' && res;
    });
    expect(saga.json).toMatchObject({
      orderId: id,
      steps: [{ name: 'ORDER_CREATED' }, { name: 'PAYMENT_COMPLETED' }],
    });
  });

  it('refuses orders for missing stock (409), unknown products and customers (400)', async () => {
    const sold = await api('POST', '/api/v1/orders', {
      customerId: 'c-0001',
      items: [{ productId: 'p-0500', quantity: 1 }],
    });
    expect(sold.status).toBe(409);
    expect(sold.json.error.code).toBe('OUT_OF_STOCK');
    expect(
      (
        await api('POST', '/api/v1/orders', {
          customerId: 'c-0001',
          items: [{ productId: 'p-9999', quantity: 1 }],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api('POST', '/api/v1/orders', {
          customerId: 'c-5000',
          items: [{ productId: 'p-0001', quantity: 1 }],
        })
      ).status,
    ).toBe(400);
  });

  it('refuses payments with a wrong amount (400) or an unknown order (404)', async () => {
    const order = await api('POST', '/api/v1/orders', {
      customerId: 'c-0002',
      items: [{ productId: 'p-0003', quantity: 1 }],
    });
    const wrong = await api(
      'POST',
      '/api/v1/payments',
      { orderId: order.json.id, amount: order.json.total + 1, method: 'card' },
      { 'idempotency-key': 'wrong-amount' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('AMOUNT_MISMATCH');
    const unknown = await api(
      'POST',
      '/api/v1/payments',
      { orderId: 'o-missing', amount: 1, method: 'card' },
      { 'idempotency-key': 'unknown-order' },
    );
    expect(unknown.status).toBe(404);
  });

  it('recommends in-stock products for a customer', async () => {
    const res = await api('GET', '/api/v1/recommendations?customerId=c-0003');
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeGreaterThan(0);
    expect((await api('GET', '/api/v1/recommendations')).status).toBe(400);
  });
});

describe('bad input is a 400 JSON error, never a 500', () => {
  it.each<[string, string, string, unknown]>([
    ['malformed JSON', 'POST', '/api/v1/orders', '{"customerId": "c-0001", items: ['],
    ['empty body', 'POST', '/api/v1/orders', ''],
    ['array body', 'POST', '/api/v1/orders', '[1,2]'],
    [
      'wrong types',
      'POST',
      '/api/v1/orders',
      { customerId: 7, items: [{ productId: 'p-0001', quantity: 'two' }] },
    ],
    [
      'SQL injection in a body',
      'POST',
      '/api/v1/orders',
      { customerId: "c-0001' OR '1'='1", items: [{ productId: 'p-0001', quantity: 1 }] },
    ],
    [
      'script in a body',
      'POST',
      '/api/v1/payments',
      { orderId: 'o-1', amount: 1, method: '<script>alert(1)</script>' },
    ],
    ['SQL injection in a path', 'GET', "/api/v1/customers/1'%20OR%20'1'%3D'1", undefined],
    ['script in a query', 'GET', '/api/v1/products?category=%3Cscript%3Ealert(1)%3C%2Fscript%3E', undefined],
    ['bad paging', 'GET', '/api/v1/customers?limit=-5', undefined],
    ['malformed JSON payment', 'POST', '/api/v1/payments', '{'],
  ])('%s', async (_name, method, path, body) => {
    const res = await api(method, path, body);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});

describe('admin API and metrics', () => {
  it('lists replicas with pod labels', async () => {
    const replicas = (await call(target.adminUrl, 'GET', '/replicas')).json;
    expect(replicas).toHaveLength(12);
    expect(replicas[0]).toMatchObject({
      service: 'customer-service',
      namespace: 'ecommerce',
      state: 'ready',
      restarts: 0,
      pid: expect.any(Number),
    });
    expect(replicas[0].labels['app.kubernetes.io/name']).toBe('customer-service');
    expect((await call(target.adminUrl, 'GET', '/health')).json).toMatchObject({
      status: 'UP',
      replicasReady: 12,
      replicasTotal: 12,
    });
    expect((await call(target.adminUrl, 'POST', '/replicas/nope/kill', {})).status).toBe(404);
  });

  it('exposes request, latency, CPU and memory metrics per replica', async () => {
    await api('GET', '/api/v1/customers/c-0001');
    const replicas = target.replicas().filter((r) => r.service === 'customer-service');
    const texts = await Promise.all(replicas.map(async (r) => (await fetch(r.metricsUrl)).text()));
    const all = texts.join('\n');
    expect(all).toMatch(/http_requests_total\{[^}]*operation="customer_read"[^}]*status="200"\} \d+/);
    expect(all).toContain('http_request_duration_seconds_bucket');
    expect(all).toMatch(/container_memory_working_set_bytes\{namespace="ecommerce",pod="customer-service-/);
    expect(all).toContain('process_cpu_seconds_total');
    expect((await call(target.adminUrl, 'GET', '/metrics')).text).toMatch(
      /kube_deployment_status_replicas_available\{namespace="ecommerce",deployment="order-api"\} 2/,
    );
  });
});

describe('ports', () => {
  it('fails with a clear TargetError when the gateway port is busy', async () => {
    const port = Number(new URL(target.baseUrl).port);
    const attempt = startTarget({ port, adminPort: 0 });
    await expect(attempt).rejects.toThrow(TargetError);
    await expect(attempt).rejects.toThrow(new RegExp(`gateway port ${port} .* already in use`));
  });

  it('fails with a clear TargetError when the admin port is busy', async () => {
    const adminPort = Number(new URL(target.adminUrl).port);
    await expect(startTarget({ port: 0, adminPort })).rejects.toThrow(/admin API port .* already in use/);
  });

  it("names what set the port (a load run's environment variable), not the target script's flag", async () => {
    const adminPort = Number(new URL(target.adminUrl).port);
    const attempt = startTarget({
      port: 0,
      adminPort,
      portNames: { adminPort: 'C4ANG_PERF_STANDIN_ADMIN_PORT' },
    });
    await expect(attempt).rejects.toThrow(
      `admin API port ${adminPort} on 127.0.0.1 is already in use; stop what holds it or choose another with C4ANG_PERF_STANDIN_ADMIN_PORT`,
    );
  });
});
