// The smoke profile's iteration: every route once, every health endpoint and an unknown path, so a
// broken route, gateway rule or health probe shows before any load test runs. Runs in: VU.
import { check } from 'k6';
import { jsonBody } from './c4ang-client.ts';
import { createOrder, payOrder, readCustomer, readProduct, type FlowState } from './flows.ts';
import { SERVICES, customerId } from './services.ts';

export async function runSmoke(state: FlowState): Promise<void> {
  await readCustomer(state);
  await readProduct(state);
  const order = await createOrder(state);
  check(order, { 'smoke: an order was created': (o) => o !== undefined });
  if (order) {
    const saga = await state.client.request('GET', `/api/v1/saga/${order.id}`, {
      service: 'saga-tracker',
      op: 'saga_status',
      name: '/api/v1/saga/{orderId}',
      expected: [200, 404],
    });
    check(saga, { 'saga status: answered': (r) => r.status === 200 || r.status === 404 });
    await payOrder(state);
  }
  const recs = await state.client.request('GET', `/api/v1/recommendations?customerId=${customerId(1)}`, {
    service: 'recommendation-service',
    op: 'recommendations',
    name: '/api/v1/recommendations?customerId={id}',
    expected: [200],
  });
  check(recs, {
    'recommendations: status 200 with items': (r) =>
      r.status === 200 && Array.isArray(jsonBody<{ items?: unknown }>(r)?.items),
  });
  for (const service of SERVICES) {
    const res = await state.client.request('GET', `${service.prefix}/health`, {
      service: service.name,
      op: 'health',
      name: `${service.prefix}/health`,
      expected: [200],
    });
    check(res, {
      [`health ${service.name}: UP`]: (r) =>
        r.status === 200 && jsonBody<{ status?: string }>(r)?.status === 'UP',
    });
  }
  const unknown = await state.client.request('GET', '/api/v1/does-not-exist', {
    service: 'gateway',
    op: 'unknown_path',
    name: '/api/v1/does-not-exist',
    expected: [404],
  });
  check(unknown, {
    'unknown path: 404 with a JSON error': (r) =>
      r.status === 404 && jsonBody<{ error?: unknown }>(r)?.error !== undefined,
  });
}
