// Messages on the IPC channels between the supervisor (parent) and its children (replicas, gateway).
// Children exit when the channel closes, so a crashed parent never leaves them behind. Runs in: Node.
import type { GatewaySecuritySettings } from './gateway/security/security-settings.ts';
import type { FaultSpec, LatencySpec, OperationName, RoutePolicy, StandinV2 } from './types.ts';

export interface ReplicaConfig {
  service: string;
  name: string;
  host: string;
  /** Port to listen on; 0 = any (a restarted replica asks for its previous port). */
  port: number;
  gatewayUrl: string;
  latency: Record<OperationName, LatencySpec>;
  drainTimeoutMs: number;
  /** Pod labels for metrics (namespace, pod, container). */
  podLabels: Record<string, string>;
  customerCount: number;
  /** Sent on calls to other services when the gateway's edge rules are on (they skip them). */
  meshIdentity?: string;
}

export interface GatewayConfig {
  host: string;
  port: number;
  policy: RoutePolicy;
  /** The edge rules; absent: all off. */
  security?: GatewaySecuritySettings;
  /** A v2 of one service, routed by header; absent: none. */
  v2?: StandinV2;
}

/** One replica as the gateway routes to it. */
export interface Endpoint {
  name: string;
  service: string;
  port: number;
  /** Only ready endpoints receive new requests (like an EndpointSlice's ready condition). */
  ready: boolean;
}

export type ParentToChild =
  | { type: 'init'; config: ReplicaConfig | GatewayConfig }
  | { type: 'store-reply'; id: number; ok: boolean; value?: unknown; error?: string }
  | { type: 'endpoints'; endpoints: Endpoint[] }
  | { type: 'faults'; faults: FaultSpec[] };

export type ChildToParent =
  | { type: 'listening'; port: number }
  | { type: 'listen-error'; code: string; message: string }
  | { type: 'store'; id: number; op: string; args: unknown[] }
  | { type: 'draining' }
  | { type: 'outlier'; replica: string; ejected: boolean };
