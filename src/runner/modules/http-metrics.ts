// Emits k6's http_req_* samples for one finished request with k6's system tags (proto, method, url,
// name, status, expected_response, error_code, scenario, group) plus params.tags and global tags.
// One frozen tag object per request is shared by all its samples, and all of them carry one
// timestamp. A request without params.tags that got a response reuses the tag object of the
// previous such request with the same VU tags, method, URL, status and expected_response (no new
// object per request; identity caches downstream hit). Runs in: VU thread.
import type { RawResponse } from '../http/send-request.ts';
import { DerivedTagCache } from '../metrics/tag-cache.ts';
import type { Tags } from '../metrics/types.ts';
import type { Vu } from '../vu.ts';
import type { ExpectedStatuses } from './expected-statuses.ts';

/** Tag sets of earlier requests per URL: the few method/status/expected variants seen for it. */
interface Variant {
  method: string;
  status: number;
  expected: boolean | undefined;
  tags: Tags;
}
const MAX_VARIANTS = 8;
const requestTagCache = new DerivedTagCache<Variant[]>();

function buildTags(
  vuTags: Tags,
  method: string,
  url: string,
  requestTags: Record<string, string> | undefined,
  raw: RawResponse,
  expected: boolean | undefined,
): Tags {
  const tags: Record<string, string> = { ...vuTags };
  tags.proto = 'HTTP/1.1';
  tags.method = method;
  tags.url = url;
  tags.name = url;
  tags.status = String(raw.status);
  if (raw.failure) {
    tags.error = raw.failure.message;
    tags.error_code = String(raw.failure.code);
  }
  if (expected !== undefined) tags.expected_response = expected ? 'true' : 'false';
  if (requestTags) for (const key of Object.keys(requestTags)) tags[key] = String(requestTags[key]);
  return Object.freeze(tags);
}

function requestTagsOf(
  vuTags: Tags,
  method: string,
  url: string,
  requestTags: Record<string, string> | undefined,
  raw: RawResponse,
  expected: boolean | undefined,
): Tags {
  if (requestTags || raw.failure) return buildTags(vuTags, method, url, requestTags, raw, expected);
  const status = raw.status;
  const variants = requestTagCache.get(vuTags, url);
  if (variants !== undefined)
    for (let i = 0; i < variants.length; i++) {
      const v = variants[i]!;
      if (v.status === status && v.method === method && v.expected === expected) return v.tags;
    }
  const tags = buildTags(vuTags, method, url, undefined, raw, expected);
  const variant: Variant = { method, status, expected, tags };
  if (variants === undefined) requestTagCache.set(vuTags, url, [variant]);
  else if (variants.length < MAX_VARIANTS) variants.push(variant);
  return tags;
}

export function emitHttpMetrics(
  vu: Vu,
  method: string,
  url: string,
  requestTags: Record<string, string> | undefined,
  raw: RawResponse,
  callback: ExpectedStatuses | null,
): void {
  if (vu.interrupted) return;
  const vuTags = vu.sampleTags();
  const expected = callback === null ? undefined : callback.matches(raw.status);
  const tags = requestTagsOf(vuTags, method, url, requestTags, raw, expected);
  const t = raw.timings;
  const registry = vu.host.registry;
  const now = Date.now();
  registry.add('http_reqs', 1, tags, now);
  registry.add('http_req_duration', t.duration, tags, now);
  registry.add('http_req_blocked', t.blocked, tags, now);
  registry.add('http_req_connecting', t.connecting, tags, now);
  registry.add('http_req_tls_handshaking', t.tls_handshaking, tags, now);
  registry.add('http_req_sending', t.sending, tags, now);
  registry.add('http_req_waiting', t.waiting, tags, now);
  registry.add('http_req_receiving', t.receiving, tags, now);
  if (expected !== undefined) registry.add('http_req_failed', expected ? 0 : 1, tags, now);
  // k6 emits network bytes per iteration with the VU's tags, not per request: keep cardinality low.
  if (raw.bytesSent) registry.add('data_sent', raw.bytesSent, vuTags, now);
  if (raw.bytesReceived) registry.add('data_received', raw.bytesReceived, vuTags, now);
}
