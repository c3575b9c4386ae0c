// The embedded C4ang stand-in (gateway + six services × N replicas as real processes): what the
// orchestration, scripts/target.ts, the benches and the tests start it with. Its vocabulary (replicas,
// faults) is src/target/types.ts; its services are src/vu/services.ts. Runs in: Node.
export { type RunningTarget, startTarget } from './start-target.ts';
