// One k6/http call, split around the I/O so asyncRequest and the blocking verb helpers share it:
// prepareCall() validates params and builds the request; finishCall() builds the k6 Response and
// emits the http_req_* metrics. Runs in: VU thread.
import { failureResponse } from '../http/http-errors.ts';
import { K6Response, type ResponseType } from '../http/http-response.ts';
import type { OutgoingRequest, RawResponse } from '../http/send-request.ts';
import type { RequestInfo } from '../http/http-response.ts';
import { tryParseDurationMs } from '../../vu/duration.ts';
import type { Vu } from '../vu.ts';
import { ExpectedStatuses } from './expected-statuses.ts';
import { emitHttpMetrics } from './http-metrics.ts';
import { buildRequest, type RequestParams } from './http-request.ts';

/** k6's default request timeout, ms. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** A validated call: `outgoing` to send, or `failed` (status 0) when the URL was invalid. */
export interface PreparedCall {
  method: string;
  url: string;
  params: RequestParams;
  callback: ExpectedStatuses | null;
  responseType: ResponseType;
  timeoutMs: number;
  info: RequestInfo;
  outgoing: OutgoingRequest | null;
  failed: RawResponse | null;
}

/** Throws (like k6) in the init context and for a responseCallback that is not expectedStatuses. */
export function prepareCall(
  vu: Vu,
  method: unknown,
  url: unknown,
  body: unknown,
  params: RequestParams | null | undefined,
): PreparedCall {
  if (vu.inInit) throw new Error('making HTTP requests in the init context is not supported');
  const p = params ?? {};
  const callback = p.responseCallback === undefined ? vu.responseCallback : p.responseCallback;
  if (callback !== null && !(callback instanceof ExpectedStatuses))
    throw new TypeError('responseCallback only accepts http.expectedStatuses(...) or null');
  const timeoutMs =
    p.timeout === undefined ? DEFAULT_TIMEOUT_MS : (tryParseDurationMs(p.timeout) ?? DEFAULT_TIMEOUT_MS);
  const defaultType: ResponseType = vu.host.discardResponseBodies ? 'none' : 'text';
  const responseType = (p.responseType as ResponseType | undefined) ?? defaultType;
  const upperMethod = String(method).toUpperCase();
  const urlText = String(url);
  const built = buildRequest(upperMethod, urlText, body, p, timeoutMs, responseType !== 'none');
  const isFailure = 'failure' in built;
  return {
    method: upperMethod,
    url: urlText,
    params: p,
    callback,
    responseType,
    timeoutMs,
    info: built.info,
    outgoing: isFailure ? null : built.outgoing,
    failed: isFailure ? failureResponse(built.failure) : null,
  };
}

/** The k6 Response for `raw`, after emitting the call's http_req_* samples. */
export function finishCall(vu: Vu, call: PreparedCall, raw: RawResponse): K6Response {
  const response = new K6Response(raw, call.url, call.info, call.responseType);
  emitHttpMetrics(vu, call.method, call.url, call.params.tags, raw, call.callback);
  return response;
}
