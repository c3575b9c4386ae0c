// Synchronous HTTP for k6's blocking http.request/get/…/batch on the blocking path (a script the
// blocking-call transform could not rewrite; decision 006): the VU thread posts the requests to a
// helper worker (started lazily, one per runner thread), blocks in Atomics.wait on a shared counter
// the helper bumps per reply, then takes the reply with receiveMessageOnPort — no event-loop turn.
// Every wait is bounded: a dead helper or an overdue reply yields status-0 responses. Runs in: VU thread.
import { performance } from 'node:perf_hooks';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { tsWorkerBootstrap } from '../workers/ts-worker.ts';
import { failureResponse, type RequestFailure, TIMEOUT_FAILURE } from './http-errors.ts';
import type { OutgoingRequest, RawResponse } from './send-request.ts';
import {
  decodeResponse,
  encodeCall,
  HELPER_FAILED,
  HELPER_READY,
  REPLY_COUNTER,
  type SyncHttpReply,
  type SyncHttpWorkerData,
  WORKER_STATE,
} from './sync-http-wire.ts';

interface SyncHttpClientOptions {
  /** Extra wait (ms) while the helper is still starting (tsx compiles its modules). Default 15 s. */
  startupAllowanceMs?: number;
  /** Wait (ms) beyond the request timeout before the VU gives up on a reply. Default 5 s. */
  marginMs?: number;
  /** Helper failures, reported from the VU thread's event loop after the fact. */
  onError?: (message: string) => void;
  /** The helper's entry module (a seam for tests). */
  entry?: URL;
}

/** Longest a call with no request timeout (timeout 0) may block its VU thread, ms. */
const MAX_UNBOUNDED_WAIT_MS = 600_000;

// If the entry fails to load, flag it in the cell and wake the VU: it cannot see 'error' while blocked.
const SIGNAL_FAILURE = `const { workerData: d } = require('node:worker_threads'); Atomics.store(d.cell, ${WORKER_STATE}, ${HELPER_FAILED}); Atomics.add(d.cell, ${REPLY_COUNTER}, 1); Atomics.notify(d.cell, ${REPLY_COUNTER});`;

export class SyncHttpClient {
  readonly #cell = new Int32Array(new SharedArrayBuffer(8));
  readonly #startupAllowanceMs: number;
  readonly #marginMs: number;
  readonly #onError: (message: string) => void;
  readonly #entry: URL;
  #worker: Worker | null = null;
  #port: MessagePort | null = null;
  #unavailable: string | null = null;
  #nextId = 1;

  constructor(options: SyncHttpClientOptions = {}) {
    this.#startupAllowanceMs = options.startupAllowanceMs ?? 15_000;
    this.#marginMs = options.marginMs ?? 5_000;
    this.#onError = options.onError ?? (() => undefined);
    this.#entry = options.entry ?? new URL('./sync-http-worker.ts', import.meta.url);
  }

  /** True once the helper worker was started (the first sync call). */
  get started(): boolean {
    return this.#worker !== null;
  }

  /**
   * Run `requests` concurrently in the helper and block until all answered; responses in order.
   * `timeoutMs` is the longest request timeout of the call (0 = none).
   */
  send(requests: readonly OutgoingRequest[], timeoutMs: number): RawResponse[] {
    if (requests.length === 0) return [];
    const port = this.#start();
    if (!port) return this.#fail(requests.length, this.#helperFailure());
    const cell = this.#cell;
    const id = this.#nextId++;
    const { message, transfer } = encodeCall(id, requests);
    port.postMessage(message, transfer);
    const budgetMs = (timeoutMs > 0 ? timeoutMs : MAX_UNBOUNDED_WAIT_MS) + this.#marginMs;
    let starting = Atomics.load(cell, WORKER_STATE) !== HELPER_READY;
    let deadlineMs = performance.now() + budgetMs + (starting ? this.#startupAllowanceMs : 0);
    for (;;) {
      const seen = Atomics.load(cell, REPLY_COUNTER);
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const reply = m.message as SyncHttpReply;
        // Other ids are late replies of calls that gave up earlier: dropped.
        if (reply.id === id) return reply.responses.map(decodeResponse);
      }
      const state = Atomics.load(cell, WORKER_STATE);
      if (state === HELPER_FAILED) {
        this.#unavailable ??= 'its entry module failed to load';
        return this.#fail(requests.length, this.#helperFailure());
      }
      if (starting && state === HELPER_READY) {
        // The helper takes the queued call only now: its request timeout starts here.
        starting = false;
        deadlineMs = performance.now() + budgetMs;
      }
      const remainingMs = deadlineMs - performance.now();
      if (remainingMs <= 0) return this.#fail(requests.length, TIMEOUT_FAILURE);
      Atomics.wait(cell, REPLY_COUNTER, seen, remainingMs);
    }
  }

  /** Terminate the helper (end of run / VU thread); later calls fail with status 0. */
  async close(): Promise<void> {
    this.#unavailable ??= 'the run has ended';
    const worker = this.#worker;
    this.#worker = null;
    this.#port?.close();
    this.#port = null;
    if (worker) await worker.terminate();
  }

  #start(): MessagePort | null {
    if (this.#port) return this.#port;
    if (this.#unavailable !== null) return null;
    try {
      const { port1, port2 } = new MessageChannel();
      const workerData: SyncHttpWorkerData = { port: port2, cell: this.#cell };
      const worker = new Worker(tsWorkerBootstrap(this.#entry, SIGNAL_FAILURE), {
        eval: true,
        workerData,
        transferList: [port2],
      });
      worker.unref();
      worker.on('error', (error) => {
        this.#unavailable ??= error.message;
        this.#onError(`sync HTTP helper worker failed: ${error.message}`);
      });
      port1.unref();
      this.#worker = worker;
      this.#port = port1;
      return port1;
    } catch (error) {
      this.#unavailable = (error as Error).message;
      this.#onError(`sync HTTP helper worker could not start: ${this.#unavailable}`);
      return null;
    }
  }

  #helperFailure(): RequestFailure {
    return { code: 1000, message: `sync HTTP helper worker unavailable: ${this.#unavailable}` };
  }

  #fail(count: number, failure: RequestFailure): RawResponse[] {
    return Array.from({ length: count }, () => failureResponse(failure));
  }
}
