// k6's http.batch() argument forms, normalised: an array or an object of requests, each a URL
// string (GET), an array [method, url, body?, params?] or an object {method?, url, body?, params?};
// results come back in the same shape (array order or object keys). Runs in: VU thread.
import type { RequestParams } from './http-request.ts';

/** One request of a batch, in k6's request(method, url, body, params) terms. */
interface BatchEntry {
  /** Array index (as a string) or object key. */
  key: string;
  method: string;
  url: unknown;
  body: unknown;
  params: RequestParams | null | undefined;
}

function parseEntry(key: string, request: unknown): BatchEntry {
  if (typeof request === 'string') return { key, method: 'GET', url: request, body: null, params: undefined };
  if (Array.isArray(request)) {
    if (request.length < 2)
      throw new TypeError(`batch request ${key}: expected [method, url, body?, params?]`);
    const [method, url, body, params] = request as [unknown, unknown, unknown, RequestParams | undefined];
    return { key, method: String(method), url, body: body ?? null, params };
  }
  if (request !== null && typeof request === 'object') {
    const r = request as { method?: unknown; url?: unknown; body?: unknown; params?: RequestParams | null };
    if (r.url === undefined) throw new TypeError(`batch request ${key} doesn't have a url key`);
    const method = r.method === undefined ? 'GET' : String(r.method);
    return { key, method, url: r.url, body: r.body ?? null, params: r.params };
  }
  throw new TypeError(
    `batch request ${key}: invalid type (got ${typeof request}, expected string, array or object)`,
  );
}

/** Normalise http.batch()'s argument; throws a TypeError for shapes k6 rejects. */
export function parseBatch(requests: unknown): { entries: BatchEntry[]; isArray: boolean } {
  if (Array.isArray(requests))
    return { entries: requests.map((r, i) => parseEntry(String(i), r)), isArray: true };
  if (requests !== null && typeof requests === 'object')
    return {
      entries: Object.keys(requests).map((k) => parseEntry(k, (requests as Record<string, unknown>)[k])),
      isArray: false,
    };
  throw new TypeError('http.batch() expects an array or an object of requests');
}

/** Put `results` (one per entry, in order) back into the caller's shape. */
export function shapeBatchResults<T>(
  entries: readonly BatchEntry[],
  isArray: boolean,
  results: readonly T[],
): T[] | Record<string, T> {
  if (isArray) return [...results];
  const out: Record<string, T> = {};
  entries.forEach((entry, i) => {
    out[entry.key] = results[i] as T;
  });
  return out;
}
