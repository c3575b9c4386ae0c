// Defaults of the stand-in: the Gateway's hosts, the Istio policy of every route and the small default
// latencies. The services themselves (routes, labels, DESIGN.md §1) are src/vu/services.ts.
// Runs in: Node (parent and children).
import { DEFAULT_API_HOST } from '../vu/env.ts';
import type { LatencySpec, OperationName, RoutePolicy } from './types.ts';

/** Hosts of the `ecommerce-gateway` Gateway; '*' matches any Host header. */
export const GATEWAY_HOSTS: readonly string[] = [DEFAULT_API_HOST, '*'];
export const NAMESPACE = 'ecommerce';

export const DEFAULT_POLICY: Readonly<RoutePolicy> = Object.freeze({
  timeoutMs: 30_000,
  retryAttempts: 3,
  perTryTimeoutMs: 10_000,
  retryOn: ['5xx', 'reset', 'connect-failure', 'refused-stream'],
  maxConnections: 100,
  maxPendingRequests: 50,
  maxRequests: 100,
  // The DestinationRule says 2; Envoy reconnects cheaply, but in Node that churn costs ~1 ms of gateway
  // CPU per request (bench:gateway) and would make the gateway, not the services, the bottleneck.
  // Set it to 2 for full fidelity.
  maxRequestsPerConnection: 0,
  consecutive5xxErrors: 5,
  ejectionIntervalMs: 10_000,
  baseEjectionTimeMs: 30_000,
  maxEjectionPercent: 50,
  retryBackoffBaseMs: 25,
});

/** Small service times so the stand-in is fast by default; runs override them to model the real services. */
export const DEFAULT_LATENCY: Readonly<Record<OperationName, LatencySpec>> = Object.freeze({
  customer_read: { baseMs: 1, jitterMs: 2 },
  customer_list: { baseMs: 2, jitterMs: 3 },
  product_read: { baseMs: 1, jitterMs: 2 },
  product_list: { baseMs: 2, jitterMs: 3 },
  product_reserve: { baseMs: 2, jitterMs: 2 },
  order_create: { baseMs: 3, jitterMs: 4 },
  order_read: { baseMs: 1, jitterMs: 2 },
  payment: { baseMs: 5, jitterMs: 5 },
  recommendations: { baseMs: 2, jitterMs: 4 },
  saga_status: { baseMs: 1, jitterMs: 2 },
  saga_record: { baseMs: 1, jitterMs: 1 },
  health: { baseMs: 0, jitterMs: 0 },
});

export const DEFAULT_TARGET = Object.freeze({
  host: '127.0.0.1',
  port: 8080,
  adminPort: 8090,
  replicasPerService: 2,
  restartDelayMs: 1000,
  drainTimeoutMs: 10_000,
});
