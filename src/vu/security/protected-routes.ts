// The routes the unauthenticated probe knocks on: every route of every service (DESIGN.md §1) except
// the health routes, which stay public for probes and monitors, and except what the profile's
// SECURITY_PUBLIC_ROUTES declares public on purpose. Bodies are empty objects, so a target that serves
// a request without credentials refuses it for validation (still "served", so still a failed check)
// rather than creating anything. Runs in: VU and Node.
import { SERVICES } from '../services.ts';

export interface ProtectedRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** The route as a template, e.g. `GET /api/v1/customers/{id}`. */
  readonly label: string;
  readonly service: string;
  readonly body?: string;
}

const ROUTES: readonly ProtectedRoute[] = [
  { method: 'GET', path: '/api/v1/customers', label: 'GET /api/v1/customers', service: 'customer-service' },
  {
    method: 'GET',
    path: '/api/v1/customers/c-0001',
    label: 'GET /api/v1/customers/{id}',
    service: 'customer-service',
  },
  { method: 'GET', path: '/api/v1/products', label: 'GET /api/v1/products', service: 'product-service' },
  {
    method: 'GET',
    path: '/api/v1/products/p-0001',
    label: 'GET /api/v1/products/{id}',
    service: 'product-service',
  },
  {
    method: 'POST',
    path: '/api/v1/orders',
    label: 'POST /api/v1/orders',
    service: 'order-service',
    body: '{}',
  },
  {
    method: 'GET',
    path: '/api/v1/orders/o-0000000000000000',
    label: 'GET /api/v1/orders/{id}',
    service: 'order-service',
  },
  {
    method: 'POST',
    path: '/api/v1/payments',
    label: 'POST /api/v1/payments',
    service: 'payment-service',
    body: '{}',
  },
  {
    method: 'GET',
    path: '/api/v1/recommendations?customerId=c-0001',
    label: 'GET /api/v1/recommendations?customerId={id}',
    service: 'recommendation-service',
  },
  {
    method: 'GET',
    path: '/api/v1/saga/o-0000000000000000',
    label: 'GET /api/v1/saga/{orderId}',
    service: 'saga-tracker',
  },
];

/** True for `<service prefix>/health` of any service: public by design. */
export function isHealthRoute(path: string): boolean {
  const bare = path.split('?')[0];
  return SERVICES.some((s) => bare === `${s.prefix}/health`);
}

/** The routes to probe: all but health and the declared public prefixes. */
export function protectedRoutes(publicPrefixes: readonly string[]): ProtectedRoute[] {
  return ROUTES.filter(
    (route) =>
      !isHealthRoute(route.path) &&
      !publicPrefixes.some((prefix) => {
        const bare = route.path.split('?')[0];
        return bare === prefix || bare.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
      }),
  );
}

/** Every service has at least one protected route here (checked by the unit tests). */
export const PROTECTED_SERVICES = [...new Set(ROUTES.map((r) => r.service))];
