// The stand-in's v2 of one service, routed by header as the platform's VirtualService
// `order-api-canary` routes to subset v2 (exact header match). What it models: v2 is the same code as
// v1 on the same replicas, made slower or failing at the gateway — a v2 request takes `slowdown` ×
// the time its forwarding took (pool admission, upstream, retries), the extra waited after its pool
// slot is freed, as a subset has its own connection pool; and `errorPercent` % of v2 requests are
// answered 500 at once without reaching a replica: a bug that fails those requests on every try, so
// the mesh's retries could not hide it (their time is not modelled). Runs in: Node (gateway).
import type { IncomingHttpHeaders } from 'node:http';
import type { StandinV2 } from '../types.ts';
import { localReply, type ProxyResult } from './proxy-request.ts';

/** Response header naming the subset that answered, so a client (and the tests) can see the route. */
export const SUBSET_HEADER = 'x-upstream-subset';

/** The v2 a request goes to, or undefined for v1 (another service, or no exact header match). */
export function canarySubset(
  v2: StandinV2 | undefined,
  service: string,
  headers: IncomingHttpHeaders,
): StandinV2 | undefined {
  if (!v2 || v2.service !== service) return undefined;
  return headers[v2.header.name.toLowerCase()] === v2.header.value ? v2 : undefined;
}

/**
 * Forwards through v1 as is, or through v2: fails at once for its share of requests, else waits
 * (slowdown − 1) × the forwarding time after the answer (less if the client goes away).
 */
export async function throughSubset(
  v2: StandinV2 | undefined,
  signal: AbortSignal,
  proxy: () => Promise<ProxyResult>,
  random: () => number = Math.random,
): Promise<ProxyResult> {
  if (!v2) return proxy();
  if (random() * 100 < v2.errorPercent)
    return markV2(localReply(500, 'V2_ERROR', `v2 of ${v2.service} failed (injected)`, '', 0, []));
  const startedAt = performance.now();
  const result = await proxy();
  const extraMs = (v2.slowdown - 1) * (performance.now() - startedAt);
  if (extraMs > 0) await delay(extraMs, signal);
  return markV2(result);
}

function markV2(result: ProxyResult): ProxyResult {
  return { ...result, headers: { ...result.headers, [SUBSET_HEADER]: 'v2' } };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
