// What the security probes send and how they judge an answer: payload placements, the reflection
// rule, the bad credentials (an expired-looking JWT among them) and the bad bodies.
import { describe, expect, it } from 'vitest';
import { looksMalicious } from '../../../../src/target/services/input-validation.ts';
import {
  BAD_CREDENTIALS,
  base64UrlAscii,
  badBodies,
  expiredLookingJwt,
  INJECTION_PAYLOADS,
  oversizedOrder,
  PLACEMENTS,
  reflectsPayload,
} from '../../../../src/vu/security/payloads.ts';

describe('injection payloads', () => {
  it('cover SQL injection and XSS, the seed plan cases among them', () => {
    const texts = INJECTION_PAYLOADS.map((p) => p.text);
    expect(texts).toContain("1' OR '1'='1");
    expect(texts).toContain('<script>alert(1)</script>');
    expect(INJECTION_PAYLOADS.some((p) => p.name.startsWith('sql'))).toBe(true);
    expect(INJECTION_PAYLOADS.some((p) => p.name.startsWith('xss'))).toBe(true);
  });

  it('go into path, query value, query name and JSON body, each decodable back to the payload', () => {
    const where = new Set<string>();
    for (const placement of PLACEMENTS) {
      for (const payload of INJECTION_PAYLOADS) {
        const placed = placement.place(payload.text);
        const url = new URL(`http://t${placed.path}`);
        if (placed.body !== undefined) {
          where.add('body');
          expect(Object.values(JSON.parse(placed.body))).toContain(payload.text);
          expect(placed.method).toBe('POST');
        } else if (url.search) {
          const entries = [...url.searchParams];
          expect(entries.flat()).toContain(payload.text);
          where.add(entries.some(([k]) => k === payload.text) ? 'query name' : 'query value');
        } else {
          where.add('path');
          expect(decodeURIComponent(url.pathname.split('/').pop()!)).toBe(payload.text);
          // Encoded: a `/` or `?` in a payload cannot change the route.
          expect(url.pathname.split('/')).toHaveLength(5);
        }
      }
    }
    expect([...where].sort()).toEqual(['body', 'path', 'query name', 'query value']);
  });

  it('are all refused by the stand-in services (which is why the default stand-in passes them)', () => {
    for (const payload of INJECTION_PAYLOADS) expect(looksMalicious(payload.text)).toBe(true);
  });
});

describe('reflection', () => {
  const payload = '<script>alert(1)</script>';
  it('catches the payload echoed raw, in HTML or inside a JSON string', () => {
    expect(reflectsPayload(`<p>${payload}</p>`, payload)).toBe(true);
    expect(reflectsPayload(JSON.stringify({ error: { message: `bad ${payload}` } }), payload)).toBe(true);
  });

  it('lets escaped, encoded or absent payloads pass', () => {
    expect(reflectsPayload('&lt;script&gt;alert(1)&lt;/script&gt;', payload)).toBe(false);
    expect(reflectsPayload('{"m":"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}', payload)).toBe(false);
    expect(reflectsPayload(encodeURIComponent(payload), payload)).toBe(false);
    expect(reflectsPayload('{"error":{"code":"INVALID_INPUT"}}', payload)).toBe(false);
    expect(reflectsPayload(null, payload)).toBe(false);
  });
});

describe('bad credentials', () => {
  it('base64url-encodes as Node does', () => {
    for (const text of ['', 'a', 'ab', 'abc', '{"alg":"HS256","typ":"JWT"}', '~~~>>>???'])
      expect(base64UrlAscii(text)).toBe(Buffer.from(text).toString('base64url'));
  });

  it('include a well-formed JWT that expired in 2001', () => {
    const [header, claims, signature] = expiredLookingJwt().split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const payload = JSON.parse(Buffer.from(claims!, 'base64url').toString()) as { exp: number };
    expect(payload.exp * 1000).toBeLessThan(Date.parse('2002-01-01'));
    expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('are none, malformed and expired-looking, all different', () => {
    const values = BAD_CREDENTIALS.map((c) => c.authorization);
    expect(values).toContain(undefined);
    expect(new Set(values).size).toBe(values.length);
    expect(BAD_CREDENTIALS.map((c) => c.name)).toEqual(
      expect.arrayContaining(['no token', 'malformed token', 'expired-looking JWT']),
    );
  });
});

describe('bad bodies', () => {
  it('send an otherwise valid order at twice the expected limit', () => {
    const body = oversizedOrder(1024 * 1024);
    expect(body.length).toBe(2 * 1024 * 1024);
    expect(JSON.parse(body)).toMatchObject({ customerId: 'c-0001', items: [{ productId: 'p-0001' }] });
  });

  it('are oversized, malformed and of the wrong content type', () => {
    const bodies = badBodies(64 * 1024);
    expect(bodies[0]!.build().length).toBe(128 * 1024);
    const malformed = bodies.filter((b) => b.contentType === 'application/json').slice(1);
    for (const bad of malformed) {
      const text = bad.build();
      let parsedObject = false;
      try {
        const value = JSON.parse(text);
        parsedObject = value !== null && typeof value === 'object' && !Array.isArray(value);
      } catch {
        // malformed: as intended
      }
      expect(parsedObject, bad.name).toBe(false);
    }
    const wrongType = bodies.filter((b) => !b.contentType.includes('json'));
    expect(wrongType.map((b) => b.contentType).sort()).toEqual([
      'application/x-www-form-urlencoded',
      'application/xml',
      'text/plain',
    ]);
  });
});
