// "No internals in error bodies": what the stand-in's gateway lets through of an error answer.
import { describe, expect, it } from 'vitest';
import { scrubErrorBody } from '../../../../src/target/gateway/security/scrub-error-body.ts';
import { findLeaks } from '../../../../src/vu/security/leak-patterns.ts';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const scrub = (status: number, value: unknown) =>
  JSON.parse(scrubErrorBody(status, body(value))!.toString('utf8')) as {
    error: { code: string; message: string };
  };

const NODE_STACK =
  "TypeError: Cannot read properties of undefined (reading 'id')\n    at createOrder (/app/src/target/services/order-service.ts:57:13)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)";

describe('scrubErrorBody', () => {
  it('leaves successful answers alone', () => {
    expect(scrubErrorBody(200, body({ id: 'o-1' }))).toBeUndefined();
    expect(scrubErrorBody(302, body('<html>'))).toBeUndefined();
  });

  it('keeps a plain 4xx message and its code', () => {
    expect(scrub(404, { error: { code: 'NOT_FOUND', message: 'customer c-9999 does not exist' } })).toEqual({
      error: { code: 'NOT_FOUND', message: 'customer c-9999 does not exist' },
    });
    expect(
      scrub(404, { error: { code: 'NOT_FOUND', message: 'no route for /api/v1/nothing' } }).error.message,
    ).toBe('no route for /api/v1/nothing');
  });

  it.each([
    ['a Node stack', NODE_STACK],
    ['a source path', 'failed in /app/src/server.js'],
    ['an address', 'upstream connect error: connect ECONNREFUSED 127.0.0.1:40123'],
    ['a SQL error', 'ERROR: syntax error at or near "OR"'],
    ['an overlong message', 'x'.repeat(500)],
  ])('replaces a 4xx message holding %s', (_what, message) => {
    const scrubbed = scrub(400, { error: { code: 'INVALID_INPUT', message } });
    expect(scrubbed).toEqual({ error: { code: 'INVALID_INPUT', message: 'the request was refused' } });
  });

  it('gives every 5xx a fixed message whatever the upstream said', () => {
    for (const status of [500, 502, 503, 504]) {
      const scrubbed = scrub(status, { error: { code: 'UPSTREAM_CONNECT_FAILURE', message: NODE_STACK } });
      expect(scrubbed.error.code).toBe('UPSTREAM_CONNECT_FAILURE');
      expect(scrubbed.error.message).not.toContain('at ');
      expect(findLeaks(JSON.stringify(scrubbed), {})).toEqual([]);
    }
  });

  it('rebuilds non-JSON error bodies, and drops a code that is not a plain token', () => {
    expect(scrub(500, `<pre>${NODE_STACK}</pre>`)).toEqual({
      error: { code: 'INTERNAL', message: 'internal error' },
    });
    expect(scrub(400, { error: { code: 'java.lang.NullPointerException', message: 'x' } }).error.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('leaves nothing the leak probe would find in bodies that had it', () => {
    for (const status of [400, 404, 413, 500, 503])
      expect(
        findLeaks(scrubErrorBody(status, body({ error: { message: NODE_STACK } }))!.toString(), {}),
      ).toEqual([]);
    // The same bodies unscrubbed are leaks: the probe would have caught them.
    expect(findLeaks(JSON.stringify({ error: { message: NODE_STACK } }), {})).not.toEqual([]);
  });
});
