import { describe, expect, it } from 'vitest';
import type { OutgoingRequest, RawResponse } from '../../../../src/runner/http/send-request.ts';
import {
  decodeRequest,
  decodeResponse,
  encodeCall,
  encodeReply,
} from '../../../../src/runner/http/sync-http-wire.ts';
import { failureResponse } from '../../../../src/runner/http/http-errors.ts';

const outgoing = (body: OutgoingRequest['body']): OutgoingRequest => ({
  origin: 'http://127.0.0.1:8080',
  path: '/p?q=1',
  method: 'POST',
  headers: ['content-type', 'application/json'],
  body,
  timeoutMs: 500,
  keepBody: true,
  hostPort: '127.0.0.1:8080',
});

/** What the other thread receives: a structured clone with the transfer list applied. */
const deliver = <T>(message: T, transfer: ArrayBuffer[]): T => structuredClone(message, { transfer });

describe('sync HTTP wire format', () => {
  it.each([
    ['string body', 'hello'],
    ['no body', null],
  ])('round-trips a request with %s unchanged', (_name, body) => {
    const { message, transfer } = encodeCall(3, [outgoing(body)]);
    expect(transfer).toEqual([]);
    const received = deliver(message, transfer);
    expect(received.id).toBe(3);
    expect(decodeRequest(received.requests[0]!)).toEqual(outgoing(body));
  });

  it('copies a Buffer body out of its larger backing store, then revives it as a Buffer', () => {
    const pool = Buffer.from('xxxxBINARYyyyy');
    const view = pool.subarray(4, 10);
    const { message, transfer } = encodeCall(1, [outgoing(view)]);
    expect(transfer).toHaveLength(1);
    expect(transfer[0]?.byteLength).toBe(6);
    const request = decodeRequest(deliver(message, transfer).requests[0]!);
    expect(Buffer.isBuffer(request.body)).toBe(true);
    expect((request.body as Buffer).toString()).toBe('BINARY');
    expect(pool.toString()).toBe('xxxxBINARYyyyy'); // the sender's bytes stay usable
  });

  it('round-trips a response: header bytes (latin1-safe), body bytes, timings and failure', () => {
    const socketChunk = Buffer.from('....{"ok":true}....');
    const raw: RawResponse = {
      status: 200,
      statusText: 'OK',
      rawHeaders: [Buffer.from('X-Name'), Buffer.from([0x63, 0x61, 0x66, 0xe9])],
      body: socketChunk.subarray(4, 15),
      failure: null,
      timings: {
        blocked: 1,
        connecting: 0.5,
        tls_handshaking: 0,
        sending: 0.1,
        waiting: 2,
        receiving: 0.3,
        duration: 2.4,
      },
      bytesSent: 90,
      bytesReceived: 120,
    };
    const { message, transfer } = encodeReply(9, [
      raw,
      failureResponse({ code: 1050, message: 'request timeout' }),
    ]);
    const received = deliver(message, transfer);
    expect(received.id).toBe(9);
    const [ok, failed] = received.responses.map(decodeResponse);
    expect(ok).toEqual(raw);
    expect(Buffer.isBuffer(ok?.body)).toBe(true);
    expect(ok?.rawHeaders.every((h) => Buffer.isBuffer(h))).toBe(true);
    expect(failed).toMatchObject({
      status: 0,
      body: null,
      failure: { code: 1050 },
      timings: { duration: 0 },
    });
  });
});
