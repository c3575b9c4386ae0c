import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/target/services/http-kit.ts';
import {
  findMaliciousString,
  looksMalicious,
  parseId,
  parseIdempotencyKey,
  parsePaging,
} from '../../../src/target/services/input-validation.ts';

describe('input validation', () => {
  it.each([
    "1' OR '1'='1",
    "x'; DROP TABLE orders;--",
    '1 UNION SELECT password FROM users',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    "admin'--",
    'sleep(5)',
  ])('flags %s', (text) => {
    expect(looksMalicious(text)).toBe(true);
  });

  it.each(['c-0001', 'Deluxe Lamp 3', "O'Brien", 'card', 'rock-and-roll', 'electronics'])(
    'lets %s through',
    (text) => {
      expect(looksMalicious(text)).toBe(false);
    },
  );

  it('finds a malicious string nested in a body', () => {
    expect(findMaliciousString({ items: [{ productId: 'p-1', note: '<script>x</script>' }] })).toBe(
      '<script>x</script>',
    );
    expect(
      findMaliciousString({ customerId: 'c-0001', items: [{ productId: 'p-0001', quantity: 1 }] }),
    ).toBeUndefined();
  });

  it.each([
    ['c-0001', 'c-0001'],
    ['does-not-exist', 'does-not-exist'],
  ])('parseId accepts %s', (raw, id) => {
    expect(parseId(raw, 'id')).toBe(id);
  });

  it.each(["1'%20OR%20'1'%3D'1", '%3Cscript%3E', '%E0%A4%A', 'a'.repeat(65)])(
    'parseId rejects %s with a 400',
    (raw) => {
      expect(() => parseId(raw, 'id')).toThrow(ApiError);
      try {
        parseId(raw, 'id');
      } catch (error) {
        expect((error as ApiError).status).toBe(400);
      }
    },
  );

  it('parses paging within bounds and refuses the rest', () => {
    expect(parsePaging(new URLSearchParams('limit=5&offset=10'))).toEqual({ limit: 5, offset: 10 });
    expect(parsePaging(new URLSearchParams(''))).toEqual({ limit: 20, offset: 0 });
    for (const bad of ['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'limit=1.5']) {
      expect(() => parsePaging(new URLSearchParams(bad))).toThrow(ApiError);
    }
  });

  it('accepts run-style idempotency keys and refuses odd ones', () => {
    expect(parseIdempotencyKey('run-20260101T120000-3-o-abc')).toBe('run-20260101T120000-3-o-abc');
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(() => parseIdempotencyKey("k' OR 1=1")).toThrow(ApiError);
  });
});
