// The six C4ang services (DESIGN.md §1): route prefix, Kubernetes labels. The one service catalogue and
// route table of the project: the scenarios and the embedded stand-in (gateway, supervisor, admin API,
// store) all read it. Also the seeded ids both sides agree on (`c-0042`, `p-0042`). Runs in: VU and Node.

const ROUTES = [
  { name: 'customer-service', prefix: '/api/v1/customers', app: 'customer-api' },
  { name: 'order-service', prefix: '/api/v1/orders', app: 'order-api' },
  { name: 'product-service', prefix: '/api/v1/products', app: 'product-api' },
  { name: 'payment-service', prefix: '/api/v1/payments', app: 'payment-api' },
  { name: 'recommendation-service', prefix: '/api/v1/recommendations', app: 'recommendation-api' },
  { name: 'saga-tracker', prefix: '/api/v1/saga', app: 'saga-tracker' },
] as const;

/** `app.kubernetes.io/name` of one of the six services, e.g. `order-service`. */
export type ServiceName = (typeof ROUTES)[number]['name'];

export interface ServiceRoute {
  /** `app.kubernetes.io/name` label value; also the `service` tag of every request and the store key. */
  readonly name: ServiceName;
  /** Path prefix routed by the Istio VirtualService. */
  readonly prefix: string;
  /** The `app` label: the Deployment's name in DESIGN.md (e.g. `order-api`). */
  readonly app: string;
}

export const SERVICES: readonly ServiceRoute[] = ROUTES;

/** The six service names, in route-table order. */
export const SERVICE_NAMES: readonly ServiceName[] = SERVICES.map((s) => s.name);

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

/** The n of a seeded customer id (`c-0042` → 42), or undefined when `id` does not have that form. */
export function customerNumber(id: string): number | undefined {
  const match = /^c-(\d{4})$/.exec(id);
  return match ? Number(match[1]) : undefined;
}
