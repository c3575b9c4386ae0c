// The stand-in with its security rules on, over real HTTP: legitimate traffic with the token is served
// end to end (orders and payments, whose calls between services go through the gateway with the mesh
// identity and so meet neither auth nor the rate limit), requests without it get 401, a burst gets
// 429 with Retry-After, CORS follows the policy, and an error answer carries no internals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTarget, startTarget } from '../../../src/target/index.ts';
import { call } from './target-client.ts';

const TOKEN = 'e2e-token_123';
const AUTH = { authorization: `Bearer ${TOKEN}` };
let target: RunningTarget;
const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = AUTH) =>
  call(target.baseUrl, method, path, body, headers);

beforeAll(async () => {
  target = await startTarget({
    port: 0,
    adminPort: 0,
    security: {
      authToken: TOKEN,
      rateLimitPerSecond: 20,
      corsOrigins: ['https://www.c4ang.com'],
      scrubErrors: true,
    },
  });
});
afterAll(async () => {
  await target?.stop();
});

describe('stand-in security rules', () => {
  it('serves an order and its payment with the token: calls between services pass the gateway', async () => {
    const order = await api('POST', '/api/v1/orders', {
      customerId: 'c-0001',
      items: [{ productId: 'p-0002', quantity: 1 }],
    });
    expect(order.status, order.text).toBe(201);
    const payment = await api(
      'POST',
      '/api/v1/payments',
      { orderId: order.json.id, amount: order.json.total, method: 'card' },
      { ...AUTH, 'idempotency-key': `e2e-${order.json.id}` },
    );
    expect(payment.status, payment.text).toBe(201);
  });

  it('refuses a request without the token with 401, and keeps health public', async () => {
    const refused = await api('GET', '/api/v1/customers/c-0001', undefined, {});
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="c4ang"');
    expect((await api('GET', '/api/v1/orders/health', undefined, {})).status).toBe(200);
  });

  it('allows the shop origin and no other', async () => {
    const shop = await api('GET', '/api/v1/products/p-0001', undefined, {
      ...AUTH,
      origin: 'https://www.c4ang.com',
    });
    expect(shop.headers['access-control-allow-origin']).toBe('https://www.c4ang.com');
    const evil = await api('GET', '/api/v1/products/p-0001', undefined, {
      ...AUTH,
      origin: 'https://evil.example',
    });
    expect(evil.status).toBe(200);
    expect(evil.headers).not.toHaveProperty('access-control-allow-origin');
    const preflight = await api('OPTIONS', '/api/v1/orders', undefined, {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('answers an error without internals', async () => {
    const res = await api('GET', '/api/v1/products?category=%3Cscript%3E');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: 'INVALID_INPUT', message: expect.any(String) } });
    expect(res.text).not.toContain('<script>');
  });

  // Last: it empties the token's bucket.
  it('refuses a burst over the limit with 429 and Retry-After', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => api('GET', '/api/v1/products/p-0001')),
    );
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(30);
    expect(answers.filter((r) => r.status !== 429).every((r) => r.status === 200)).toBe(true);
    for (const r of refused) expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.headers['x-response-flags']).toBe('RL');
  });
});
