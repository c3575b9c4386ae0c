// The request mix of a generated soak: each operation's route, service, status, share of requests,
// median duration and check, as measured on a real spike run. Data for bench/long-series-shape.ts.
// Runs in: Node (benchmarks).

export interface Operation {
  op: string;
  method: string;
  name: string;
  service: string;
  status: string;
  /** Share of all requests, 0..1. */
  share: number;
  p50Ms: number;
  check: string;
}

/** The request mix of a real run (shares and medians measured on a spike run). */
export const OPERATIONS: readonly Operation[] = [
  [
    'customer_read',
    'GET',
    '/api/v1/customers/{id}',
    'customer-service',
    '200',
    0.264,
    4.7,
    'customer read: status 200',
  ],
  [
    'product_read',
    'GET',
    '/api/v1/products/{id}',
    'product-service',
    '200',
    0.231,
    4.4,
    'product read: status 200',
  ],
  [
    'product_list',
    'GET',
    '/api/v1/products?limit={n}',
    'product-service',
    '200',
    0.101,
    6.2,
    'product list: status 200',
  ],
  ['saga_status', 'GET', '/api/v1/saga/{orderId}', 'saga-tracker', '200', 0.04, 4.6, 'saga status: answered'],
  [
    'saga_status',
    'GET',
    '/api/v1/saga/{orderId}',
    'saga-tracker',
    '404',
    0.008,
    4.6,
    'saga status: answered',
  ],
  [
    'order_create',
    'POST',
    '/api/v1/orders',
    'order-service',
    '201',
    0.203,
    14.7,
    'order create: status 201 or 409 out of stock',
  ],
  [
    'order_create',
    'POST',
    '/api/v1/orders',
    'order-service',
    '409',
    0.001,
    14.7,
    'order create: status 201 or 409 out of stock',
  ],
  ['payment', 'POST', '/api/v1/payments', 'payment-service', '201', 0.09, 15.8, 'payment: status 201'],
  [
    'recommendations',
    'GET',
    '/api/v1/recommendations?customerId={id}',
    'recommendation-service',
    '200',
    0.053,
    6.3,
    'recommendations: status 200 with items',
  ],
  [
    'payment_replay',
    'POST',
    '/api/v1/payments',
    'payment-service',
    '200',
    0.007,
    16.6,
    'payment replay: same payment, not charged twice',
  ],
].map(
  ([op, method, name, service, status, share, p50Ms, check]) =>
    ({ op, method, name, service, status, share, p50Ms, check }) as Operation,
);
