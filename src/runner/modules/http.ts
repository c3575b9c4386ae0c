// `k6/http` for one VU: asyncRequest (non-blocking, on the thread's Agent), the blocking
// request/get/head/post/put/patch/del/options and batch (via the thread's sync HTTP helper worker,
// so they block every VU of the thread: noted for the end-of-run warning), expectedStatuses,
// setResponseCallback. Both paths emit the same http_req_* metrics and tags. Runs in: VU thread.
import { failureResponse } from '../http/http-errors.ts';
import type { K6Response } from '../http/http-response.ts';
import { type RawResponse, sendRequest } from '../http/send-request.ts';
import type { Vu } from '../vu.ts';
import { ExpectedStatuses, expectedStatuses } from './expected-statuses.ts';
import { parseBatch, shapeBatchResults } from './http-batch.ts';
import { finishCall, type PreparedCall, prepareCall } from './http-call.ts';
import type { RequestParams } from './http-request.ts';

type Params = RequestParams | null | undefined;

const CANCELED = { code: 1000, message: 'request canceled' };

export function createHttpModule(vu: Vu) {
  async function asyncRequest(
    method: string,
    url: unknown,
    body?: unknown,
    params?: Params,
  ): Promise<K6Response> {
    const call = prepareCall(vu, method, url, body, params);
    let raw: RawResponse;
    if (call.outgoing === null) raw = call.failed as RawResponse;
    // An interrupted iteration's code may go on to its next request: it fails at once, like k6's
    // cancelled ones, instead of holding a socket (and the run) open until a slow target answers.
    else if (vu.interrupted) raw = failureResponse(CANCELED);
    else
      raw = await sendRequest(vu.host.agent, call.outgoing, (cancel) => {
        vu.inFlight.add(cancel);
        return () => vu.inFlight.delete(cancel);
      });
    return finishCall(vu, call, raw);
  }

  /** Block the VU until every call answered (k6's sync semantics); responses in call order. */
  function sendBlocking(calls: readonly PreparedCall[]): K6Response[] {
    // setup/teardown (VU 0) run alone: blocking there delays no other VU.
    if (vu.idInTest > 0) vu.host.noteSyncHttpUsed();
    const outgoing = calls.flatMap((c) => (c.outgoing === null ? [] : [c.outgoing]));
    const unbounded = outgoing.some((r) => r.timeoutMs <= 0);
    const timeoutMs = unbounded ? 0 : Math.max(0, ...outgoing.map((r) => r.timeoutMs));
    // An interrupted iteration's code may keep running: its requests fail like k6's cancelled ones.
    const raws = vu.interrupted
      ? outgoing.map(() => failureResponse(CANCELED))
      : vu.host.syncHttp.send(outgoing, timeoutMs);
    let next = 0;
    return calls.map((c) =>
      finishCall(vu, c, c.outgoing === null ? (c.failed as RawResponse) : raws[next++]!),
    );
  }

  function request(method: string, url: unknown, body?: unknown, params?: Params): K6Response {
    return sendBlocking([prepareCall(vu, method, url, body, params)])[0] as K6Response;
  }

  function batch(requests: unknown): K6Response[] | Record<string, K6Response> {
    const { entries, isArray } = parseBatch(requests);
    const calls = entries.map((e) => prepareCall(vu, e.method, e.url, e.body, e.params));
    return shapeBatchResults(entries, isArray, sendBlocking(calls));
  }

  function setResponseCallback(callback: ExpectedStatuses | null): void {
    if (callback !== null && !(callback instanceof ExpectedStatuses))
      throw new TypeError('setResponseCallback only accepts http.expectedStatuses(...) or null');
    vu.responseCallback = callback;
  }

  const http = {
    asyncRequest,
    request,
    get: (url: unknown, params?: Params) => request('GET', url, null, params),
    head: (url: unknown, params?: Params) => request('HEAD', url, null, params),
    post: (url: unknown, body?: unknown, params?: Params) => request('POST', url, body, params),
    put: (url: unknown, body?: unknown, params?: Params) => request('PUT', url, body, params),
    patch: (url: unknown, body?: unknown, params?: Params) => request('PATCH', url, body, params),
    del: (url: unknown, body?: unknown, params?: Params) => request('DELETE', url, body, params),
    options: (url: unknown, body?: unknown, params?: Params) => request('OPTIONS', url, body, params),
    batch,
    expectedStatuses,
    setResponseCallback,
  };
  return { ...http, default: http };
}
