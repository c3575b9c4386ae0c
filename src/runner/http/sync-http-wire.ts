// The messages between a VU thread and its sync HTTP helper worker: structured-clone-safe copies of
// OutgoingRequest and RawResponse. Byte payloads are copied into exact-size arrays (undici's
// buffers are views on larger pooled/socket buffers, which a clone would copy whole) and
// transferred; header bytes travel as latin1 strings. Runs in: VU thread and sync HTTP helper.
import type { MessagePort } from 'node:worker_threads';
import type { OutgoingRequest, RawResponse } from './send-request.ts';

/** Index in the shared cell of the reply counter the helper bumps (and notifies) per reply. */
export const REPLY_COUNTER = 0;
/** Index in the shared cell of the helper's state: 0 starting, HELPER_READY or HELPER_FAILED. */
export const WORKER_STATE = 1;
export const HELPER_READY = 1;
export const HELPER_FAILED = -1;

/** Helper side: publish its state and wake the VU thread (it re-times its wait once READY). */
export function signalHelperState(cell: Int32Array, state: typeof HELPER_READY | typeof HELPER_FAILED): void {
  Atomics.store(cell, WORKER_STATE, state);
  Atomics.add(cell, REPLY_COUNTER, 1);
  Atomics.notify(cell, REPLY_COUNTER);
}

/** workerData of the helper: its end of the call port and the shared Int32Array(2) cell. */
export interface SyncHttpWorkerData {
  port: MessagePort;
  cell: Int32Array;
}

/** OutgoingRequest with a clone-safe body. */
type WireRequest = Omit<OutgoingRequest, 'body'> & { body: string | Uint8Array | null };

/** RawResponse with clone-safe headers and body. */
type WireResponse = Omit<RawResponse, 'rawHeaders' | 'body'> & {
  rawHeaders: string[];
  body: Uint8Array | null;
};

/** VU → helper: run these requests concurrently and reply with `id`. */
export interface SyncHttpCall {
  id: number;
  requests: WireRequest[];
}

/** Helper → VU: one response per request of call `id`, in order. */
export interface SyncHttpReply {
  id: number;
  responses: WireResponse[];
}

/** A message plus the ArrayBuffers to transfer with it. */
interface Transferable<T> {
  message: T;
  transfer: ArrayBuffer[];
}

function copyBytes(bytes: Uint8Array, transfer: ArrayBuffer[]): Uint8Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  transfer.push(copy.buffer);
  return copy;
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function encodeCall(id: number, requests: readonly OutgoingRequest[]): Transferable<SyncHttpCall> {
  const transfer: ArrayBuffer[] = [];
  const wire = requests.map((r) => ({
    ...r,
    body: r.body === null || typeof r.body === 'string' ? r.body : copyBytes(r.body, transfer),
  }));
  return { message: { id, requests: wire }, transfer };
}

export function decodeRequest(wire: WireRequest): OutgoingRequest {
  const body = wire.body;
  return { ...wire, body: body === null || typeof body === 'string' ? body : asBuffer(body) };
}

export function encodeReply(id: number, responses: readonly RawResponse[]): Transferable<SyncHttpReply> {
  const transfer: ArrayBuffer[] = [];
  const wire = responses.map((r) => ({
    ...r,
    rawHeaders: r.rawHeaders.map((h) => h.toString('latin1')),
    body: r.body === null ? null : copyBytes(r.body, transfer),
  }));
  return { message: { id, responses: wire }, transfer };
}

export function decodeResponse(wire: WireResponse): RawResponse {
  return {
    ...wire,
    rawHeaders: wire.rawHeaders.map((h) => Buffer.from(h, 'latin1')),
    body: wire.body === null ? null : asBuffer(wire.body),
  };
}
