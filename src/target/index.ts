// The embedded C4ang stand-in (gateway + six services × N replicas as real processes): the one entry
// the orchestration, the local chaos provider, scripts/target.ts and the tests import. Runs in: Node.
export { type RunningTarget, startTarget } from './start-target.ts';
export type {
  FaultSpec,
  LatencySpec,
  OperationName,
  ReplicaInfo,
  ReplicaState,
  RoutePolicy,
  TargetOptions,
} from './types.ts';
export {
  DEFAULT_LATENCY,
  DEFAULT_POLICY,
  DEFAULT_TARGET,
  SERVICE_DEFINITIONS,
  SERVICE_NAMES,
} from './defaults.ts';
export { SEED_CUSTOMER_COUNT, SEED_PRODUCT_COUNT, seedCustomerId, seedProductId } from './seed.ts';
