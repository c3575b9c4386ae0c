// One upstream attempt of a proxied request: apply the matching faults, send through the replica's
// undici pool within the per-try timeout, buffer the (small, JSON) response, and classify what
// happened the way Envoy's retry policy sees it. Runs in: Node (gateway).
import type { FaultSpec } from '../types.ts';
import { matchFaults } from './faults.ts';
import type { UpstreamHost } from './upstream-cluster.ts';

export type AttemptOutcome =
  | {
      kind: 'response';
      status: number;
      headers: Record<string, string | string[] | undefined>;
      body: Buffer;
      injected: boolean;
    }
  | {
      kind: 'connect-failure' | 'reset' | 'timeout' | 'deadline' | 'cancelled';
      detail: string;
      injected: boolean;
    };

export interface AttemptRequest {
  service: string;
  method: string;
  /** Path with query string. */
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  sourceService: string | undefined;
  /** Absolute end of the whole request (route timeout), epoch ms. */
  deadlineMs: number;
  /** Aborted when the downstream client goes away. */
  clientSignal: AbortSignal;
}

const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export async function attemptUpstream(
  host: UpstreamHost,
  request: AttemptRequest,
  perTryTimeoutMs: number,
  faults: readonly FaultSpec[],
): Promise<AttemptOutcome & { delayInjected: boolean }> {
  const remainingMs = request.deadlineMs - Date.now();
  const budgetMs = Math.max(1, Math.min(perTryTimeoutMs, remainingMs));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  const onClientAbort = () => controller.abort();
  request.clientSignal.addEventListener('abort', onClientAbort, { once: true });
  const effect = matchFaults(faults, {
    service: request.service,
    replica: host.name,
    method: request.method,
    path: request.path,
    sourceService: request.sourceService,
  });
  const delayInjected = effect.delayMs > 0;
  host.active++;
  try {
    if (delayInjected) await abortableDelay(effect.delayMs, controller.signal);
    if (effect.abortStatus === 0)
      return { kind: 'reset', detail: 'fault: connection aborted', injected: true, delayInjected };
    if (effect.abortStatus !== undefined) {
      const body = Buffer.from(
        JSON.stringify({ error: { code: 'FAULT_INJECTED', message: 'fault filter abort' } }),
      );
      return {
        kind: 'response',
        status: effect.abortStatus,
        headers: { 'content-type': 'application/json' },
        body,
        injected: true,
        delayInjected,
      };
    }
    const response = await host.pool.request({
      method: request.method as 'GET',
      path: request.path,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      headersTimeout: budgetMs,
      bodyTimeout: budgetMs,
    });
    const body = Buffer.from(await response.body.arrayBuffer());
    return {
      kind: 'response',
      status: response.statusCode,
      headers: response.headers,
      body,
      injected: false,
      delayInjected,
    };
  } catch (error) {
    return { ...classifyError(error, controller.signal, request), injected: false, delayInjected };
  } finally {
    host.active--;
    clearTimeout(timer);
    request.clientSignal.removeEventListener('abort', onClientAbort);
  }
}

function classifyError(
  error: unknown,
  signal: AbortSignal,
  request: AttemptRequest,
): { kind: Exclude<AttemptOutcome['kind'], 'response'>; detail: string } {
  const code = (error as { code?: string }).code ?? '';
  const detail = `${code || 'error'}: ${(error as Error).message}`;
  if (request.clientSignal.aborted) return { kind: 'cancelled', detail };
  if (signal.aborted || TIMEOUTS.has(code))
    return { kind: Date.now() >= request.deadlineMs ? 'deadline' : 'timeout', detail };
  if (CONNECT_FAILURES.has(code)) return { kind: 'connect-failure', detail };
  return { kind: 'reset', detail };
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(Object.assign(new Error('aborted during injected delay'), { code: 'UND_ERR_HEADERS_TIMEOUT' }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
