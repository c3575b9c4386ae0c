// One function per traffic-mix operation (customer read, product read, order create, payment), with
// realistic bodies and a check per response. Recommendations and saga status ride along. Runs in: VU.
import { check } from 'k6';
import { jsonBody, type ApiClient } from './c4ang-client.ts';
import type { MixOperation } from './mix.ts';
import { randomInt, type RandomSource } from './seeded-random.ts';
import { CUSTOMER_COUNT, PRODUCT_COUNT, customerId, productId } from './services.ts';

/** What one VU carries between iterations: its random source and the orders it has yet to pay. */
export interface FlowState {
  readonly client: ApiClient;
  readonly random: RandomSource;
  readonly runId: string;
  readonly vuId: number;
  /** Orders created by this VU and not paid yet (oldest first, at most MAX_UNPAID). */
  readonly unpaid: { id: string; total: number }[];
}

const MAX_UNPAID = 20;
const CUSTOMERS = { service: 'customer-service', expected: [200] };
const PRODUCTS = { service: 'product-service', expected: [200] };

export async function readCustomer(state: FlowState): Promise<void> {
  const id = customerId(randomInt(state.random, 1, CUSTOMER_COUNT));
  const res = await state.client.request('GET', `/api/v1/customers/${id}`, {
    ...CUSTOMERS,
    op: 'customer_read',
    name: '/api/v1/customers/{id}',
  });
  const customer = jsonBody<{ id?: string; email?: string }>(res);
  check(res, {
    'customer read: status 200': (r) => r.status === 200,
    'customer read: body is the customer': () => customer?.id === id && typeof customer.email === 'string',
  });
  if (state.random() < 0.2) await readRecommendations(state, id);
}

/** Recommendations ride along with customer reads (and run once in smoke). */
export async function readRecommendations(state: FlowState, customer: string): Promise<void> {
  const recs = await state.client.request('GET', `/api/v1/recommendations?customerId=${customer}`, {
    service: 'recommendation-service',
    op: 'recommendations',
    name: '/api/v1/recommendations?customerId={id}',
    expected: [200],
  });
  check(recs, {
    'recommendations: status 200 with items': (r) =>
      r.status === 200 && Array.isArray(jsonBody<{ items?: unknown }>(r)?.items),
  });
}

/** Saga status of an order: 404 is fine right after creation (the saga is recorded asynchronously). */
export async function readSagaStatus(state: FlowState, orderId: string): Promise<void> {
  const saga = await state.client.request('GET', `/api/v1/saga/${orderId}`, {
    service: 'saga-tracker',
    op: 'saga_status',
    name: '/api/v1/saga/{orderId}',
    expected: [200, 404],
  });
  check(saga, { 'saga status: answered': (r) => r.status === 200 || r.status === 404 });
}

/** Product reads: 70 % one product by id, 30 % a page of the catalogue. */
async function readProduct(state: FlowState): Promise<void> {
  if (state.random() < 0.3) await listProducts(state);
  else await getProduct(state);
}

export async function listProducts(state: FlowState): Promise<void> {
  const offset = randomInt(state.random, 0, PRODUCT_COUNT - 20);
  const res = await state.client.request('GET', `/api/v1/products?limit=20&offset=${offset}`, {
    ...PRODUCTS,
    op: 'product_list',
    name: '/api/v1/products?limit={n}',
  });
  check(res, { 'product list: status 200': (r) => r.status === 200 });
}

export async function getProduct(state: FlowState): Promise<void> {
  const id = productId(randomInt(state.random, 1, PRODUCT_COUNT));
  const res = await state.client.request('GET', `/api/v1/products/${id}`, {
    ...PRODUCTS,
    op: 'product_read',
    name: '/api/v1/products/{id}',
  });
  check(res, {
    'product read: status 200': (r) => r.status === 200,
    'product read: body is the product': () => jsonBody<{ id?: string }>(res)?.id === id,
  });
}

export async function createOrder(state: FlowState): Promise<{ id: string; total: number } | undefined> {
  const itemCount = randomInt(state.random, 1, 3);
  const items = Array.from({ length: itemCount }, () => ({
    productId: productId(randomInt(state.random, 1, PRODUCT_COUNT)),
    quantity: randomInt(state.random, 1, 2),
  }));
  const body = { customerId: customerId(randomInt(state.random, 1, CUSTOMER_COUNT)), items };
  // 409 (out of stock) is a correct business answer, so it is not a failed request; the check tells it apart.
  const res = await state.client.request(
    'POST',
    '/api/v1/orders',
    { service: 'order-service', op: 'order_create', name: '/api/v1/orders', expected: [201, 409] },
    body,
  );
  const order = jsonBody<{ id?: string; status?: string; total?: number }>(res);
  check(res, {
    'order create: status 201 or 409 out of stock': (r) => r.status === 201 || r.status === 409,
    'order create: PENDING with id and total': (r) =>
      r.status !== 201 ||
      (order?.status === 'PENDING' && typeof order.id === 'string' && typeof order.total === 'number'),
  });
  if (res.status !== 201 || !order?.id || typeof order.total !== 'number') return undefined;
  const created = { id: order.id, total: order.total };
  if (state.unpaid.length >= MAX_UNPAID) state.unpaid.shift();
  state.unpaid.push(created);
  if (state.random() < 0.25) await readSagaStatus(state, created.id);
  return created;
}

export async function payOrder(state: FlowState): Promise<void> {
  const order = state.unpaid.shift() ?? (await createOrder(state).then(() => state.unpaid.shift()));
  if (!order) return;
  const key = `${state.runId}-${state.vuId}-${order.id}`;
  const spec = { service: 'payment-service', op: 'payment', name: '/api/v1/payments', expected: [201] };
  const body = { orderId: order.id, amount: order.total, method: 'card' };
  const res = await state.client.request('POST', '/api/v1/payments', spec, body, { 'Idempotency-Key': key });
  const payment = jsonBody<{ id?: string; orderId?: string }>(res);
  check(res, {
    'payment: status 201': (r) => r.status === 201,
    'payment: for the order': () => payment?.orderId === order.id,
  });
  if (res.status === 201 && state.random() < 0.1) {
    const replay = await state.client.request(
      'POST',
      '/api/v1/payments',
      { ...spec, op: 'payment_replay', expected: [200] },
      body,
      { 'Idempotency-Key': key },
    );
    check(replay, {
      'payment replay: same payment, not charged twice': (r) =>
        r.status === 200 && jsonBody<{ id?: string }>(r)?.id === payment?.id,
    });
  }
}

export const FLOWS: Readonly<Record<MixOperation, (state: FlowState) => Promise<unknown>>> = {
  customer_read: readCustomer,
  product_read: readProduct,
  order_create: createOrder,
  payment: payOrder,
};
