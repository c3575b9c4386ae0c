// Sends one HTTP/1.1 request through undici's low-level dispatch API and measures k6's phases:
// blocked (queue + connect wait), connecting, sending, waiting (TTFB), receiving. Never throws:
// network errors and timeouts resolve with status 0 and a k6 error code. Hot path: per request one
// promise, one handler (which is also the dispatch's in-flight entry and its timeout-list node: no
// timer, closure or options object of its own) and the response. Runs in: VU thread.
import { performance } from 'node:perf_hooks';
import type { Agent, Dispatcher } from 'undici';
import { classifyNetworkError, type RequestFailure, TIMEOUT_FAILURE } from './http-errors.ts';
import { markSending, type SendHook } from './http-agent.ts';
import { type DeadlineEntry, type DeadlineList, watchDeadline } from './request-deadlines.ts';

/** Phase durations in ms (fractional), named as in k6's Response.timings. */
export interface Timings {
  blocked: number;
  connecting: number;
  tls_handshaking: number;
  sending: number;
  waiting: number;
  receiving: number;
  duration: number;
}

export interface RawResponse {
  /** 0 when the request failed without a response. */
  status: number;
  statusText: string;
  /** Raw header list [name, value, name, value, …] as undici delivers it. */
  rawHeaders: Buffer[];
  body: Buffer | null;
  failure: RequestFailure | null;
  timings: Timings;
  bytesSent: number;
  bytesReceived: number;
}

/** Also undici's dispatch options as they are (origin, path, method, headers, body). */
export interface OutgoingRequest {
  origin: string;
  path: string;
  method: string;
  headers: string[];
  body: string | Buffer | null;
  timeoutMs: number;
  keepBody: boolean;
  hostPort: string;
}

/** A request in flight that can be cancelled (iteration interrupted, test stopped). */
export interface Cancellable {
  cancel(): void;
}

const CANCELED: RequestFailure = { code: 1000, message: 'request canceled' };

/** Handler for undici's (deprecated but supported in v7) callback API; one per request. */
class TimedHandler implements Dispatcher.DispatchHandler, SendHook, DeadlineEntry, Cancellable {
  readonly path: string;
  connectingMs = 0;
  headerBytes = 0;
  deadlineMs = 0;
  prevDeadline: DeadlineEntry | null = null;
  nextDeadline: DeadlineEntry | null = null;
  deadlines: DeadlineList | null = null;
  readonly #startMs = performance.now();
  #connectMs = 0;
  #sentMs = 0;
  #headersMs = 0;
  #status = 0;
  #statusText = '';
  #rawHeaders: Buffer[] = [];
  #chunks: Buffer[] | null;
  #received = 0;
  #abort: ((err?: Error) => void) | null = null;
  #done = false;
  readonly #bodyBytes: number;
  readonly #resolve: (response: RawResponse) => void;
  readonly #hostPort: string;
  readonly #inFlight: Set<Cancellable> | undefined;

  constructor(
    request: OutgoingRequest,
    resolve: (response: RawResponse) => void,
    inFlight: Set<Cancellable> | undefined,
  ) {
    this.path = request.path;
    this.#chunks = request.keepBody ? [] : null;
    this.#resolve = resolve;
    this.#hostPort = request.hostPort;
    this.#bodyBytes = request.body === null ? 0 : Buffer.byteLength(request.body);
    this.#inFlight = inFlight;
    inFlight?.add(this);
    if (request.timeoutMs > 0) watchDeadline(this, request.timeoutMs, this.#startMs);
  }

  /** Abort from outside (iteration interrupted, test stopped). */
  cancel(): void {
    this.#fail(CANCELED);
  }

  /** The request's timeout passed (request-deadlines). */
  expire(): void {
    this.#fail(TIMEOUT_FAILURE);
  }

  onConnect(abort: (err?: Error) => void): void {
    if (this.#done) {
      abort();
      return;
    }
    this.#abort = abort;
    this.#connectMs = performance.now();
    markSending(this);
  }
  onRequestSent(): void {
    this.#sentMs = performance.now();
  }
  onHeaders(statusCode: number, headers: Buffer[], _resume: () => void, statusText: string): boolean {
    if (statusCode < 200) return true; // 1xx informational: wait for the final response
    this.#headersMs = performance.now();
    this.#status = statusCode;
    this.#statusText = statusText;
    this.#rawHeaders = headers;
    let bytes = 17 + statusText.length;
    for (let i = 0; i < headers.length; i++) bytes += (headers[i] as Buffer).length + 2;
    this.#received = bytes;
    return true;
  }
  onData(chunk: Buffer): boolean {
    this.#received += chunk.length;
    if (this.#chunks) this.#chunks.push(chunk);
    return true;
  }
  onComplete(): void {
    if (this.#done) return;
    const endMs = performance.now();
    const chunks = this.#chunks;
    const body = chunks === null ? null : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    this.#finish(null, endMs, body);
  }
  onError(error: Error): void {
    if (this.#done) return;
    this.#finish(classifyNetworkError(error, this.#hostPort), performance.now(), null);
  }

  #fail(failure: RequestFailure): void {
    if (this.#done) return;
    this.#finish(failure, performance.now(), null);
    this.#abort?.();
  }

  #finish(failure: RequestFailure | null, endMs: number, body: Buffer | null): void {
    this.#done = true;
    this.deadlines?.remove(this);
    this.#inFlight?.delete(this);
    const connectMs = this.#connectMs || endMs;
    const sentMs = this.#sentMs || connectMs;
    const headersMs = this.#headersMs || endMs;
    const sending = sentMs - connectMs;
    const waiting = Math.max(0, headersMs - sentMs);
    const receiving = failure && !this.#headersMs ? 0 : Math.max(0, endMs - headersMs);
    const connecting = this.connectingMs;
    this.#resolve({
      status: failure ? 0 : this.#status,
      statusText: this.#statusText,
      rawHeaders: this.#rawHeaders,
      body,
      failure,
      timings: {
        blocked: Math.max(0, connectMs - this.#startMs - connecting),
        connecting,
        tls_handshaking: 0,
        sending,
        waiting,
        receiving,
        duration: sending + waiting + receiving,
      },
      bytesSent: this.#connectMs ? this.headerBytes + this.#bodyBytes : 0,
      bytesReceived: this.#received,
    });
  }
}

/**
 * Dispatch `request` on `agent`. While it is in flight the request is in `inFlight` (cancel() it to
 * fail it at once with k6's "request canceled", e.g. for an interrupted iteration).
 */
export function sendRequest(
  agent: Agent,
  request: OutgoingRequest,
  inFlight?: Set<Cancellable>,
): Promise<RawResponse> {
  return new Promise((resolve) => {
    const handler = new TimedHandler(request, resolve, inFlight);
    try {
      // OutgoingRequest carries undici's dispatch options itself; undici ignores the other fields.
      agent.dispatch(request as unknown as Dispatcher.DispatchOptions, handler);
    } catch (error) {
      handler.onError(error as Error);
    }
  });
}
