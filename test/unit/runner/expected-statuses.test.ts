import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPECTED_STATUSES,
  expectedStatuses,
} from '../../../src/runner/modules/expected-statuses.ts';
import { canonicalHeaderKey } from '../../../src/runner/http/http-response.ts';
import { classifyNetworkError } from '../../../src/runner/http/http-errors.ts';

describe('expectedStatuses', () => {
  it('default accepts 200–399 only', () => {
    expect([199, 200, 302, 399, 400, 500, 0].map((s) => DEFAULT_EXPECTED_STATUSES.matches(s))).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('mixes codes and ranges', () => {
    const expected = expectedStatuses(200, 201, 404, { min: 500, max: 502 });
    expect([200, 201, 202, 404, 500, 502, 503].map((s) => expected.matches(s))).toEqual([
      true,
      true,
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('network errors (status 0) are never expected', () => {
    expect(expectedStatuses({ min: 0, max: 999 }).matches(0)).toBe(false);
  });

  it.each([['200'], [{ min: 1 }], [1.5], [null]])('rejects %j like k6', (arg) => {
    expect(() => expectedStatuses(arg)).toThrow(/argument number 1 to expectedStatuses/);
  });
});

describe('canonicalHeaderKey', () => {
  it.each([
    ['content-type', 'Content-Type'],
    ['X-REQUEST-ID', 'X-Request-Id'],
    ['etag', 'Etag'],
  ])('%s → %s', (raw, canonical) => expect(canonicalHeaderKey(raw)).toBe(canonical));
});

describe('classifyNetworkError', () => {
  it.each([
    ['ECONNREFUSED', 1212, /connection refused/],
    ['ECONNRESET', 1220, /reset by peer/],
    ['UND_ERR_CONNECT_TIMEOUT', 1211, /i\/o timeout/],
    ['EWHATEVER', 1000, /boom/],
  ])('%s → %s', (code, expected, message) => {
    const failure = classifyNetworkError(Object.assign(new Error('boom'), { code }), '127.0.0.1:1');
    expect(failure.code).toBe(expected);
    expect(failure.message).toMatch(message);
  });
});
