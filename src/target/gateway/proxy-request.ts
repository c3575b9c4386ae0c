// The route's attempt loop: pick a replica (a different one on each retry), attempt, feed outlier
// detection, retry per policy within the route timeout, and turn the last outcome into the response the
// client sees, with Envoy-like response flags (UF, UC, UT, UH, URX, FI, DI). Runs in: Node (gateway).
import type { FaultSpec, RoutePolicy } from '../types.ts';
import { backoffMs, isRetriable, isUpstreamFailure } from './retry-policy.ts';
import { type AttemptOutcome, type AttemptRequest, attemptUpstream } from './upstream-attempt.ts';
import type { UpstreamCluster } from './upstream-cluster.ts';

export interface ProxyResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Replica that produced the final answer ('' when none did). */
  replica: string;
  retries: number;
  flags: string[];
}

export async function proxyWithRetries(
  cluster: UpstreamCluster,
  policy: RoutePolicy,
  faults: () => readonly FaultSpec[],
  request: AttemptRequest,
): Promise<ProxyResult> {
  const tried = new Set<string>();
  const flags = new Set<string>();
  let retries = 0;
  for (;;) {
    const host = cluster.pick(tried);
    if (!host)
      return localReply(
        503,
        'NO_HEALTHY_UPSTREAM',
        `no healthy upstream for ${cluster.service}`,
        '',
        retries,
        [...flags, 'UH'],
      );
    tried.add(host.name);
    const outcome = await attemptUpstream(
      host,
      { ...request, headers: { ...request.headers, 'x-envoy-attempt-count': String(retries + 1) } },
      policy.perTryTimeoutMs,
      faults(),
    );
    if (outcome.delayInjected) flags.add('DI');
    if (outcome.injected && outcome.kind === 'response') flags.add('FI');
    cluster.outliers.record(host.name, isUpstreamFailure(outcome));
    const canRetry = retries < policy.retryAttempts && isRetriable(outcome, policy.retryOn);
    if (!canRetry) return finalResult(outcome, host.name, retries, flags);
    retries++;
    const pauseMs = backoffMs(retries, policy.retryBackoffBaseMs);
    if (Date.now() + pauseMs >= request.deadlineMs)
      return finalResult(
        { kind: 'deadline', detail: 'route timeout', injected: false },
        host.name,
        retries,
        flags,
      );
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    if (request.clientSignal.aborted)
      return finalResult(
        { kind: 'cancelled', detail: 'client gone', injected: false },
        host.name,
        retries,
        flags,
      );
  }
}

function finalResult(
  outcome: AttemptOutcome,
  replica: string,
  retries: number,
  flagSet: Set<string>,
): ProxyResult {
  const flags = [...flagSet];
  if (retries > 0 && (outcome.kind !== 'response' || outcome.status >= 500)) flags.push('URX');
  switch (outcome.kind) {
    case 'response':
      return {
        status: outcome.status,
        headers: outcome.headers,
        body: outcome.body,
        replica,
        retries,
        flags,
      };
    case 'connect-failure':
      return localReply(
        503,
        'UPSTREAM_CONNECT_FAILURE',
        `upstream connect error: ${outcome.detail}`,
        replica,
        retries,
        ['UF', ...flags],
      );
    case 'reset':
      return localReply(
        503,
        'UPSTREAM_RESET',
        `upstream reset before response: ${outcome.detail}`,
        replica,
        retries,
        ['UC', ...flags],
      );
    case 'timeout':
    case 'deadline':
      return localReply(504, 'UPSTREAM_TIMEOUT', 'upstream request timeout', replica, retries, [
        'UT',
        ...flags,
      ]);
    default:
      return localReply(499, 'CLIENT_CLOSED', 'client closed the request', replica, retries, [
        'DC',
        ...flags,
      ]);
  }
}

export function localReply(
  status: number,
  code: string,
  message: string,
  replica: string,
  retries: number,
  flags: string[],
): ProxyResult {
  const body = Buffer.from(JSON.stringify({ error: { code, message } }));
  return { status, headers: { 'content-type': 'application/json' }, body, replica, retries, flags };
}
