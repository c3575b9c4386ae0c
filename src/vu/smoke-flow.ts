// The smoke profile's iteration: every route once, every health endpoint and an unknown path, so a
// broken route, gateway rule or health probe shows before any load test runs. Runs in: VU.
import { check } from 'k6';
import { jsonBody } from './c4ang-client.ts';
import {
  createOrder,
  getProduct,
  listProducts,
  payOrder,
  readCustomer,
  readRecommendations,
  readSagaStatus,
  type FlowState,
} from './flows.ts';
import { SERVICES, customerId } from './services.ts';

export async function runSmoke(state: FlowState): Promise<void> {
  await readCustomer(state);
  await getProduct(state);
  await listProducts(state);
  // A random basket can hit a sold-out product (409, a correct answer): try a few baskets.
  let order = await createOrder(state);
  for (let attempt = 1; !order && attempt < 3; attempt++) order = await createOrder(state);
  check(order, { 'smoke: an order was created': (o) => o !== undefined });
  if (order) {
    await readSagaStatus(state, order.id);
    await payOrder(state);
  }
  await readRecommendations(state, customerId(1));
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
