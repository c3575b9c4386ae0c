// Public types of the embedded C4ang stand-in: options, Istio-like route policy, replica view and
// gateway faults. Shared by the parent (supervisor, admin API) and the child processes. Runs in: Node.
import type { StandinSecurity } from './security/standin-security.ts';

/** One API operation of the stand-in; latency is configurable per operation. */
export type OperationName =
  | 'customer_read'
  | 'customer_list'
  | 'product_read'
  | 'product_list'
  | 'product_reserve'
  | 'order_create'
  | 'order_read'
  | 'payment'
  | 'recommendations'
  | 'saga_status'
  | 'saga_record'
  | 'health';

/** Simulated service time of one operation: base plus a uniform 0..jitterMs extra, in ms. */
export interface LatencySpec {
  baseMs: number;
  jitterMs: number;
}

export interface TargetOptions {
  /** Loopback address to bind; default '127.0.0.1'. */
  host?: string;
  /** Gateway port, default 8080; 0 = ephemeral. */
  port?: number;
  /** Admin API port, default 8090; 0 = ephemeral. */
  adminPort?: number;
  /**
   * What the user set each port with, named in a busy-port error; default `npm run target`'s flags
   * (`--port`, `--admin-port`). A load run names its environment variables.
   */
  portNames?: { port?: string; adminPort?: string };
  /** Replica processes per service, default 2 (1..5). */
  replicasPerService?: number;
  /** Supervisor restart delay after a replica dies, ms, default 1000. */
  restartDelayMs?: number;
  /** How long a replica that got SIGTERM may drain in-flight requests before it is killed, ms; default 10_000. */
  drainTimeoutMs?: number;
  /** Simulated latency per operation; small defaults. */
  latency?: Partial<Record<OperationName, LatencySpec>>;
  /**
   * Factor multiplying every operation's simulated latency (base and jitter), 0 < f ≤ 100; default 1.
   * Makes the stand-in measurably slower (e.g. 2) to check that a performance gate catches it.
   */
  slowdown?: number;
  /** Istio-like policy overrides (tests shorten times). */
  policy?: Partial<RoutePolicy>;
  /** The gateway's edge rules (bearer auth, rate limit, CORS, error bodies); each off unless set. */
  security?: StandinSecurity;
  /** A v2 of one service, chosen by header at the gateway (canary runs); default none. */
  v2?: StandinV2;
  /** Receives log lines (lifecycle events and child output); default: silent. */
  log?: (line: string) => void;
}

/** The VirtualService + DestinationRule policy applied by the gateway to every route. */
export interface RoutePolicy {
  /** Whole-request timeout incl. retries, ms (30_000). */
  timeoutMs: number;
  /** Retries after the first attempt (3). */
  retryAttempts: number;
  /** Timeout of one attempt, ms (10_000). */
  perTryTimeoutMs: number;
  /** Envoy retry conditions: '5xx', 'gateway-error', 'reset', 'connect-failure', 'refused-stream'. */
  retryOn: string[];
  /** Upstream connections per service (100); with HTTP/1.1 also the concurrent-request limit. */
  maxConnections: number;
  /** Requests queued for a connection per service (50); beyond → 503 UO. */
  maxPendingRequests: number;
  /** Concurrent requests per service (100). */
  maxRequests: number;
  /** Requests per upstream connection before it is closed; 0 = unlimited (default; the DestinationRule says 2, see defaults.ts). */
  maxRequestsPerConnection: number;
  /** Consecutive 5xx (incl. connect failures and resets) that eject a replica (5). */
  consecutive5xxErrors: number;
  /** Outlier sweep interval: how often ejected replicas are checked for return, ms (10_000). */
  ejectionIntervalMs: number;
  /** Ejection time, multiplied by how often the replica was ejected, ms (30_000). */
  baseEjectionTimeMs: number;
  /** Most replicas of a service ejected at once, % 0..100 (50); at least one may be. */
  maxEjectionPercent: number;
  /** Base of the exponential, jittered back-off between retries, ms (Envoy: 25). */
  retryBackoffBaseMs: number;
}

export type ReplicaState = 'starting' | 'ready' | 'draining' | 'failed' | 'stopped';

/** One replica process as the admin API shows it, shaped like the Kubernetes pod it stands for. */
export interface ReplicaInfo {
  /** Pod-like name, stable across restarts, e.g. 'order-service-7c9f8d6b5-x2k4q'. */
  name: string;
  /** `app.kubernetes.io/name` label value, e.g. 'order-service'. */
  service: string;
  labels: Record<string, string>;
  namespace: string;
  /** OS pid of the current process; 0 when no process runs. */
  pid: number;
  /** Loopback port the replica listens on (kept across restarts when free); 0 before first start. */
  port: number;
  state: ReplicaState;
  /** Times the supervisor started the process again. */
  restarts: number;
  /** ISO time the current process started. */
  startedAt: string;
  /** Prometheus text endpoint of this replica. */
  metricsUrl: string;
}

/** A gateway-level fault (the local chaos provider's NetworkChaos / HTTPChaos). */
export interface FaultSpec {
  id: string;
  /** Target service label value, e.g. 'payment-service'. */
  service: string;
  kind: 'delay' | 'abort';
  /** Added delay per matching attempt, ms. */
  delayMs?: number;
  /** Uniform extra 0..jitterMs added to delayMs. */
  jitterMs?: number;
  /** Status to answer with; 0 closes the connection without a response. Default 503. */
  abortStatus?: number;
  /** Share of matching attempts affected, 0..100, default 100. */
  percent?: number;
  pathPrefix?: string;
  method?: string;
  /** Only calls from this service (header x-source-service). */
  sourceService?: string;
  /** Only attempts sent to this replica (pod name) — for Chaos Mesh `mode: one`. */
  replica?: string;
}

/**
 * A v2 of one service (the canary the platform's VirtualService routes to subset v2 by header): the
 * gateway sends a request of that service carrying the header to v2, which takes `slowdown` × v1's
 * upstream time and fails `errorPercent` % of its requests with 500.
 */
export interface StandinV2 {
  /** `app.kubernetes.io/name` of the service, e.g. 'order-service'. */
  service: string;
  /** v2's upstream time ÷ v1's, 1 ≤ f ≤ 100. */
  slowdown: number;
  /** Share of v2 requests answered 500 at once, 0..100. */
  errorPercent: number;
  /** Routes to v2 when this header (lower-case name) has exactly this value; default x-version: v2. */
  header: { name: string; value: string };
}
