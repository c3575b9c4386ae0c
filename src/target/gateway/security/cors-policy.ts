// The gateway's CORS policy (an Istio VirtualService corsPolicy): an allowed origin gets its own origin
// back in Access-Control-Allow-Origin, and its preflights are answered here; any other origin gets no
// CORS header at all — its preflight a 403 — and CORS headers an upstream may have added are dropped,
// so the policy at the edge is the only one. Runs in: Node (gateway).
import type { IncomingHttpHeaders } from 'node:http';

const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = 'authorization, content-type, idempotency-key, x-request-id';
const EXPOSE_HEADERS = 'retry-after, x-request-id';
const MAX_AGE_S = '600';

/** Response headers a CORS policy owns; dropped from upstream answers when the policy is on. */
export const CORS_RESPONSE_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
];

export type CorsDecision =
  /** No Origin header: not a cross-origin request, nothing to add. */
  | { readonly kind: 'none' }
  /** A preflight to answer at the gateway: 204 with these headers (allowed) or 403 (refused). */
  | { readonly kind: 'preflight'; readonly allowed: boolean; readonly headers: Record<string, string> }
  /** An actual request: add these headers to the answer (none for a refused origin). */
  | { readonly kind: 'actual'; readonly headers: Record<string, string> };

export function decideCors(
  method: string,
  headers: IncomingHttpHeaders,
  allowedOrigins: readonly string[],
): CorsDecision {
  const origin = headers.origin;
  if (typeof origin !== 'string' || origin === '') return { kind: 'none' };
  // Exact match, case-sensitive as RFC 6454 serialises origins; `null` only when listed.
  const allowed = allowedOrigins.includes(origin);
  const granted: Record<string, string> = allowed
    ? { 'access-control-allow-origin': origin, vary: 'Origin' }
    : { vary: 'Origin' };
  if (method === 'OPTIONS' && typeof headers['access-control-request-method'] === 'string') {
    return {
      kind: 'preflight',
      allowed,
      headers: allowed
        ? {
            ...granted,
            'access-control-allow-methods': ALLOW_METHODS,
            'access-control-allow-headers': ALLOW_HEADERS,
            'access-control-max-age': MAX_AGE_S,
          }
        : granted,
    };
  }
  return {
    kind: 'actual',
    headers: allowed ? { ...granted, 'access-control-expose-headers': EXPOSE_HEADERS } : granted,
  };
}
