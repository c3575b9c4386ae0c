// Turns k6's request(method, url, body, params) arguments into an undici dispatch request plus the
// Response.request info: URL split, header list with k6-local's User-Agent, form-encoding of object
// bodies (as k6 does). Runs in: VU thread.
import type { RequestInfo } from '../http/http-response.ts';
import { canonicalHeaderKey } from '../http/http-response.ts';
import { invalidUrlFailure, type RequestFailure } from '../http/http-errors.ts';
import type { OutgoingRequest } from '../http/send-request.ts';
import type { ExpectedStatuses } from './expected-statuses.ts';

const USER_AGENT = 'k6-local/0.1.0 (k6-compatible; +https://k6.io/)';

/** The params object of k6 http calls that the local runner honours. */
export interface RequestParams {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  timeout?: string | number;
  responseType?: string;
  responseCallback?: ExpectedStatuses | null;
  [other: string]: unknown;
}

/** The header list of a request the script gave no headers (never mutated: frozen). */
const DEFAULT_HEADERS: readonly string[] = Object.freeze(['user-agent', USER_AGENT]);

interface Target {
  origin: string;
  path: string;
  hostPort: string;
}

/** Parsed URLs by their text: a script requests the same few URLs over and over. */
const targets = new Map<string, Target | null>();
/** Bounds `targets` when URLs carry ids; clearing only costs parsing again. */
const MAX_TARGETS = 10_000;

/** Origin, path+query and host:port of an http(s) URL; null when invalid or another scheme. */
function parseTarget(url: string): Target | null {
  let target = targets.get(url);
  if (target !== undefined) return target;
  try {
    const parsed = new URL(url);
    target =
      parsed.protocol === 'http:' || parsed.protocol === 'https:'
        ? { origin: parsed.origin, path: parsed.pathname + parsed.search, hostPort: parsed.host }
        : null;
  } catch {
    target = null;
  }
  if (targets.size >= MAX_TARGETS) targets.clear();
  targets.set(url, target);
  return target;
}

function encodeBody(body: unknown, headers: string[]): string | Buffer | null {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === 'object') {
    if (!headers.some((h, i) => i % 2 === 0 && h.toLowerCase() === 'content-type'))
      headers.push('content-type', 'application/x-www-form-urlencoded');
    return new URLSearchParams(body as Record<string, string>).toString();
  }
  return String(body);
}

export function buildRequest(
  method: string,
  url: string,
  body: unknown,
  params: RequestParams,
  timeoutMs: number,
  keepBody: boolean,
): { outgoing: OutgoingRequest; info: RequestInfo } | { failure: RequestFailure; info: RequestInfo } {
  const infoHeaders: Record<string, string[]> = {};
  const target = parseTarget(url);
  // No headers of the script's and no form body to describe: undici only reads the shared list.
  if (params.headers === undefined && (body === null || body === undefined || typeof body === 'string')) {
    infoHeaders['User-Agent'] = [USER_AGENT];
    const info: RequestInfo = { method, url, headers: infoHeaders, body: body ?? '', cookies: {} };
    if (target === null) return { failure: invalidUrlFailure(url), info };
    const outgoing = outgoingTo(
      target,
      method,
      DEFAULT_HEADERS as string[],
      body ?? null,
      timeoutMs,
      keepBody,
    );
    return { outgoing, info };
  }
  const headers: string[] = [];
  let hasAgent = false;
  if (params.headers) {
    for (const name of Object.keys(params.headers)) {
      const value = String(params.headers[name]);
      headers.push(name, value);
      infoHeaders[canonicalHeaderKey(name)] = [value];
      if (!hasAgent && name.length === 10 && name.toLowerCase() === 'user-agent') hasAgent = true;
    }
  }
  if (!hasAgent) {
    headers.push('user-agent', USER_AGENT);
    infoHeaders['User-Agent'] = [USER_AGENT];
  }
  const encoded = encodeBody(body, headers);
  const info: RequestInfo = {
    method,
    url,
    headers: infoHeaders,
    body: typeof encoded === 'string' ? encoded : '',
    cookies: {},
  };
  if (target === null) return { failure: invalidUrlFailure(url), info };
  return { outgoing: outgoingTo(target, method, headers, encoded, timeoutMs, keepBody), info };
}

function outgoingTo(
  target: Target,
  method: string,
  headers: string[],
  body: OutgoingRequest['body'],
  timeoutMs: number,
  keepBody: boolean,
): OutgoingRequest {
  const { origin, path, hostPort } = target;
  return { origin, path, method, headers, body, timeoutMs, keepBody, hostPort };
}
