// `k6/http` for one VU: asyncRequest (non-blocking, on the thread's Agent), the blocking
// request/get/head/post/put/patch/del/options and batch, expectedStatuses, setResponseCallback. In a
// script as written, the blocking ones go through the thread's sync HTTP helper worker, so they block
// every VU of the thread (noted for the end-of-run warning). In a script the blocking-call transform
// rewrote (`awaited`), they are asyncRequest under k6's names and the script awaits them: batch sends
// its requests in parallel and resolves when all answered. Every path emits the same http_req_*
// metrics and tags. Runs in: VU thread.
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

export function createHttpModule(vu: Vu, awaited = false) {
  /**
   * Send one prepared call on the thread's Agent (the non-blocking path). Not async: an async
   * function returning sendRequest's promise would wrap it in another one (two more ticks).
   */
  function send(call: PreparedCall): Promise<RawResponse> {
    if (call.outgoing === null) return Promise.resolve(call.failed as RawResponse);
    // An interrupted iteration's code may go on to its next request: it fails at once, like k6's
    // cancelled ones, instead of holding a socket (and the run) open until a slow target answers.
    if (vu.interrupted) return Promise.resolve(failureResponse(CANCELED));
    return sendRequest(vu.host.agent, call.outgoing, vu.inFlight);
  }

  async function asyncRequest(
    method: string,
    url: unknown,
    body?: unknown,
    params?: Params,
  ): Promise<K6Response> {
    const call = prepareCall(vu, method, url, body, params);
    return finishCall(vu, call, await send(call));
  }

  /** The transformed script's batch: all requests at once, responses in call order once all answered. */
  async function awaitedBatch(requests: unknown): Promise<K6Response[] | Record<string, K6Response>> {
    const { entries, isArray } = parseBatch(requests);
    const calls = entries.map((e) => prepareCall(vu, e.method, e.url, e.body, e.params));
    const raws = await Promise.all(calls.map(send));
    return shapeBatchResults(
      entries,
      isArray,
      calls.map((call, i) => finishCall(vu, call, raws[i]!)),
    );
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

  // One name for both paths: a transformed script awaits what these return.
  const call = (awaited ? asyncRequest : request) as typeof request;
  const http = {
    asyncRequest,
    request: call,
    get: (url: unknown, params?: Params) => call('GET', url, null, params),
    head: (url: unknown, params?: Params) => call('HEAD', url, null, params),
    post: (url: unknown, body?: unknown, params?: Params) => call('POST', url, body, params),
    put: (url: unknown, body?: unknown, params?: Params) => call('PUT', url, body, params),
    patch: (url: unknown, body?: unknown, params?: Params) => call('PATCH', url, body, params),
    del: (url: unknown, body?: unknown, params?: Params) => call('DELETE', url, body, params),
    options: (url: unknown, body?: unknown, params?: Params) => call('OPTIONS', url, body, params),
    batch: (awaited ? awaitedBatch : batch) as typeof batch,
    expectedStatuses,
    setResponseCallback,
  };
  return { ...http, default: http };
}
