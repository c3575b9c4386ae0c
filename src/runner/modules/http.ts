// `k6/http` for one VU: asyncRequest (and the sync names, which the local runner cannot run
// synchronously on undici and so reject with a pointer to asyncRequest), expectedStatuses,
// setResponseCallback; emits the http_req_* metrics with k6's tags. Runs in: VU thread.
import { invalidUrlFailure } from '../http/http-errors.ts';
import { K6Response, type ResponseType } from '../http/http-response.ts';
import { type RawResponse, sendRequest } from '../http/send-request.ts';
import { parseDurationMs } from '../options/duration.ts';
import type { Vu } from '../vu.ts';
import { ExpectedStatuses, expectedStatuses } from './expected-statuses.ts';
import { buildRequest, type RequestParams } from './http-request.ts';
import { emitHttpMetrics } from './http-metrics.ts';

const DEFAULT_TIMEOUT_MS = 60_000;

function syncUnsupported(name: string, method: string): () => never {
  return () => {
    throw new Error(
      `http.${name}() is synchronous in k6 and cannot run in the local runner; use ` +
        `\`await http.asyncRequest('${method}', url, body, params)\` (valid k6 too)`,
    );
  };
}

export function createHttpModule(vu: Vu) {
  async function asyncRequest(
    method: string,
    url: unknown,
    body?: unknown,
    params?: RequestParams | null,
  ): Promise<K6Response> {
    if (vu.inInit) throw new Error('making HTTP requests in the init context is not supported');
    const p = params ?? {};
    const callback = p.responseCallback === undefined ? vu.responseCallback : p.responseCallback;
    if (callback !== null && !(callback instanceof ExpectedStatuses))
      throw new TypeError('responseCallback only accepts http.expectedStatuses(...) or null');
    const timeoutMs =
      p.timeout === undefined ? DEFAULT_TIMEOUT_MS : (parseDurationMs(p.timeout) ?? DEFAULT_TIMEOUT_MS);
    const defaultType: ResponseType = vu.host.discardResponseBodies ? 'none' : 'text';
    const responseType = (p.responseType as ResponseType | undefined) ?? defaultType;
    const upperMethod = String(method).toUpperCase();
    const built = buildRequest(upperMethod, String(url), body, p, timeoutMs, responseType !== 'none');
    let raw: RawResponse;
    if ('failure' in built) {
      const zero = {
        blocked: 0,
        connecting: 0,
        tls_handshaking: 0,
        sending: 0,
        waiting: 0,
        receiving: 0,
        duration: 0,
      };
      raw = {
        status: 0,
        statusText: '',
        rawHeaders: [],
        body: null,
        failure: invalidUrlFailure(String(url)),
        timings: zero,
        bytesSent: 0,
        bytesReceived: 0,
      };
    } else {
      raw = await sendRequest(vu.host.agent, built.outgoing, (cancel) => {
        vu.inFlight.add(cancel);
        return () => vu.inFlight.delete(cancel);
      });
    }
    const response = new K6Response(raw, String(url), built.info, responseType);
    emitHttpMetrics(vu, upperMethod, String(url), p.tags, raw, callback);
    return response;
  }

  function setResponseCallback(callback: ExpectedStatuses | null): void {
    if (callback !== null && !(callback instanceof ExpectedStatuses))
      throw new TypeError('setResponseCallback only accepts http.expectedStatuses(...) or null');
    vu.responseCallback = callback;
  }

  const http = {
    asyncRequest,
    request: syncUnsupported('request', 'GET'),
    get: syncUnsupported('get', 'GET'),
    head: syncUnsupported('head', 'HEAD'),
    post: syncUnsupported('post', 'POST'),
    put: syncUnsupported('put', 'PUT'),
    patch: syncUnsupported('patch', 'PATCH'),
    del: syncUnsupported('del', 'DELETE'),
    options: syncUnsupported('options', 'OPTIONS'),
    batch: syncUnsupported('batch', 'GET'),
    expectedStatuses,
    setResponseCallback,
  };
  return { ...http, default: http };
}
