// The six C4ang services (DESIGN.md §1): route prefix, Kubernetes labels. The one route table of the
// project: the scenarios and the embedded stand-in's gateway both read it. Runs in: VU and Node.

export interface ServiceRoute {
  /** `app.kubernetes.io/name` label value; also the `service` tag of every request. */
  readonly name: string;
  /** Path prefix routed by the Istio VirtualService. */
  readonly prefix: string;
  /** The `app` label: the Deployment's name in DESIGN.md (e.g. `order-api`). */
  readonly app: string;
}

export const SERVICES: readonly ServiceRoute[] = [
  { name: 'customer-service', prefix: '/api/v1/customers', app: 'customer-api' },
  { name: 'order-service', prefix: '/api/v1/orders', app: 'order-api' },
  { name: 'product-service', prefix: '/api/v1/products', app: 'product-api' },
  { name: 'payment-service', prefix: '/api/v1/payments', app: 'payment-api' },
  { name: 'recommendation-service', prefix: '/api/v1/recommendations', app: 'recommendation-api' },
  { name: 'saga-tracker', prefix: '/api/v1/saga', app: 'saga-tracker' },
];

/** Seeded catalogue of the stand-in (and the assumed ids of the real platform's test data). */
export const CUSTOMER_COUNT = 1000;
export const PRODUCT_COUNT = 500;

/** `c-0042` style id for the n-th customer (1-based). */
export function customerId(n: number): string {
  return `c-${String(n).padStart(4, '0')}`;
}

/** `p-0042` style id for the n-th product (1-based). */
export function productId(n: number): string {
  return `p-${String(n).padStart(4, '0')}`;
}
