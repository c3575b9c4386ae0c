// Emits k6's http_req_* samples for one finished request with k6's system tags (proto, method, url,
// name, status, expected_response, error_code, scenario, group) plus params.tags and global tags.
// One frozen tag object per request is shared by all its samples. Runs in: VU thread.
import type { RawResponse } from '../http/send-request.ts';
import type { Vu } from '../vu.ts';
import type { ExpectedStatuses } from './expected-statuses.ts';

export function emitHttpMetrics(
  vu: Vu,
  method: string,
  url: string,
  requestTags: Record<string, string> | undefined,
  raw: RawResponse,
  callback: ExpectedStatuses | null,
): void {
  if (vu.interrupted) return;
  const tags: Record<string, string> = { ...vu.sampleTags() };
  tags.proto = 'HTTP/1.1';
  tags.method = method;
  tags.url = url;
  tags.name = url;
  tags.status = String(raw.status);
  if (raw.failure) {
    tags.error = raw.failure.message;
    tags.error_code = String(raw.failure.code);
  }
  const expected = callback === null ? undefined : callback.matches(raw.status);
  if (expected !== undefined) tags.expected_response = expected ? 'true' : 'false';
  if (requestTags) for (const key of Object.keys(requestTags)) tags[key] = String(requestTags[key]);
  Object.freeze(tags);
  const t = raw.timings;
  const registry = vu.host.registry;
  registry.add('http_reqs', 1, tags);
  registry.add('http_req_duration', t.duration, tags);
  registry.add('http_req_blocked', t.blocked, tags);
  registry.add('http_req_connecting', t.connecting, tags);
  registry.add('http_req_tls_handshaking', t.tls_handshaking, tags);
  registry.add('http_req_sending', t.sending, tags);
  registry.add('http_req_waiting', t.waiting, tags);
  registry.add('http_req_receiving', t.receiving, tags);
  if (expected !== undefined) registry.add('http_req_failed', expected ? 0 : 1, tags);
  // k6 emits network bytes per iteration with the VU's tags, not per request: keep cardinality low.
  const vuTags = vu.sampleTags();
  if (raw.bytesSent) registry.add('data_sent', raw.bytesSent, vuTags);
  if (raw.bytesReceived) registry.add('data_received', raw.bytesReceived, vuTags);
}
