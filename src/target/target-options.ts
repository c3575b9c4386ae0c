// Resolve TargetOptions into one complete settings object, collecting every problem (ConfigError)
// before any process starts. Loopback hosts only. Runs in: Node (parent).
import { ConfigError } from '../errors.ts';
import { DEFAULT_LATENCY, DEFAULT_POLICY, DEFAULT_TARGET } from './defaults.ts';
import type { GatewaySecuritySettings } from './gateway/security/security-settings.ts';
import { toGatewaySecurity } from './security/standin-security.ts';
import { standinV2Problems } from './standin-v2.ts';
import type { LatencySpec, OperationName, RoutePolicy, StandinV2, TargetOptions } from './types.ts';

interface ResolvedTargetOptions {
  host: string;
  port: number;
  adminPort: number;
  replicasPerService: number;
  restartDelayMs: number;
  drainTimeoutMs: number;
  /** Every service's simulated latency is multiplied by this (already applied to `latency`). */
  slowdown: number;
  /** Per operation, slowdown included: what the replicas simulate. */
  latency: Record<OperationName, LatencySpec>;
  policy: RoutePolicy;
  /** A v2 of one service, routed by header at the gateway; undefined: none. */
  v2: StandinV2 | undefined;
  /** The gateway's edge rules with the mesh identity; undefined: all off. */
  security: GatewaySecuritySettings | undefined;
  log: (line: string) => void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function resolveTargetOptions(options: TargetOptions = {}): ResolvedTargetOptions {
  const problems: string[] = [];
  const host = options.host ?? DEFAULT_TARGET.host;
  if (!LOOPBACK.has(host))
    problems.push(`host: must be a loopback address (got ${host}, expected 127.0.0.1 or ::1)`);
  const int = (field: string, value: number | undefined, fallback: number, min: number, max: number) => {
    const v = value ?? fallback;
    if (!Number.isInteger(v) || v < min || v > max)
      problems.push(`${field}: must be an integer in ${min}..${max} (got ${v})`);
    return v;
  };
  const port = int('port', options.port, DEFAULT_TARGET.port, 0, 65535);
  const adminPort = int('adminPort', options.adminPort, DEFAULT_TARGET.adminPort, 0, 65535);
  if (port !== 0 && port === adminPort) problems.push(`adminPort: must differ from port (both ${port})`);
  const replicasPerService = int(
    'replicasPerService',
    options.replicasPerService,
    DEFAULT_TARGET.replicasPerService,
    1,
    5,
  );
  const restartDelayMs = int(
    'restartDelayMs',
    options.restartDelayMs,
    DEFAULT_TARGET.restartDelayMs,
    0,
    600_000,
  );
  const drainTimeoutMs = int(
    'drainTimeoutMs',
    options.drainTimeoutMs,
    DEFAULT_TARGET.drainTimeoutMs,
    0,
    600_000,
  );
  const latency: Record<OperationName, LatencySpec> = { ...DEFAULT_LATENCY };
  for (const [op, spec] of Object.entries(options.latency ?? {})) {
    if (!(op in DEFAULT_LATENCY))
      problems.push(
        `latency.${op}: unknown operation (expected one of ${Object.keys(DEFAULT_LATENCY).join(', ')})`,
      );
    else if (!spec || !(spec.baseMs >= 0) || !(spec.jitterMs >= 0))
      problems.push(`latency.${op}: baseMs and jitterMs must be numbers >= 0`);
    else latency[op as OperationName] = { baseMs: spec.baseMs, jitterMs: spec.jitterMs };
  }
  const slowdown = options.slowdown ?? 1;
  if (typeof slowdown !== 'number' || !Number.isFinite(slowdown) || slowdown <= 0 || slowdown > 100)
    problems.push(`slowdown: must be a number with 0 < factor ≤ 100 (got ${slowdown})`);
  else if (slowdown !== 1) {
    for (const [op, spec] of Object.entries(latency))
      latency[op as OperationName] = { baseMs: spec.baseMs * slowdown, jitterMs: spec.jitterMs * slowdown };
  }
  const policy: RoutePolicy = { ...DEFAULT_POLICY, retryOn: [...DEFAULT_POLICY.retryOn], ...options.policy };
  for (const [field, value] of Object.entries(policy)) {
    if (field === 'retryOn') continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      problems.push(`policy.${field}: must be a number >= 0 (got ${value})`);
  }
  if (policy.maxEjectionPercent > 100)
    problems.push(`policy.maxEjectionPercent: must be 0..100 (got ${policy.maxEjectionPercent})`);
  for (const field of [
    'timeoutMs',
    'perTryTimeoutMs',
    'ejectionIntervalMs',
    'maxConnections',
    'maxRequests',
  ] as const) {
    if (policy[field] === 0) problems.push(`policy.${field}: must be > 0`);
  }
  if (!Array.isArray(policy.retryOn)) problems.push('policy.retryOn: must be a list of conditions');
  const security = toGatewaySecurity(options.security, problems);
  problems.push(...standinV2Problems(options.v2));
  if (problems.length) throw new ConfigError('invalid embedded target options', problems);
  return {
    host,
    port,
    adminPort,
    replicasPerService,
    restartDelayMs,
    drainTimeoutMs,
    slowdown,
    latency,
    policy,
    v2: options.v2,
    security,
    log: options.log ?? (() => {}),
  };
}
