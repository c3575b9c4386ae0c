// Header handling of the proxy: hop-by-hop headers are not forwarded (RFC 9110 §7.6.1, and undici
// refuses them), Envoy's request headers are added, and the gateway's own response headers say what
// happened (replica, retries, flags). Runs in: Node (gateway).
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'content-length',
]);

export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  remoteAddress: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (!headers['x-request-id']) headers['x-request-id'] = randomUUID();
  const forwarded = headers['x-forwarded-for'];
  const client = remoteAddress ?? '127.0.0.1';
  headers['x-forwarded-for'] = forwarded ? `${forwarded}, ${client}` : client;
  headers['x-forwarded-proto'] = 'http';
  return headers;
}

interface GatewayFacts {
  replica: string;
  retries: number;
  flags: readonly string[];
  upstreamMs: number;
}

export function downstreamResponseHeaders(
  upstream: Record<string, string | string[] | undefined>,
  facts: GatewayFacts,
): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || HOP_BY_HOP.has(name.toLowerCase())) continue;
    headers[name] = value;
  }
  headers['x-retry-count'] = String(facts.retries);
  headers['x-envoy-upstream-service-time'] = String(Math.round(facts.upstreamMs));
  if (facts.replica) headers['x-upstream-replica'] = facts.replica;
  if (facts.flags.length) headers['x-response-flags'] = facts.flags.join(',');
  if (facts.flags.includes('UO')) headers['x-envoy-overloaded'] = 'true';
  headers.server = 'istio-envoy';
  return headers;
}
