// The security profile's options (SECURITY_*): defaults, parsing and one problem per bad value; and
// Retry-After as the rate-limit probe reads it.
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../../src/vu/security/retry-after.ts';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_RATE_LIMIT_PER_SECOND,
  findSecurityEnvProblems,
  parseSecurityEnv,
} from '../../../../src/vu/security/security-env.ts';

describe('SECURITY_* options', () => {
  it('default to the stand-in’s limit, no extra public route, no allowed origin, 1 MiB bodies', () => {
    expect(parseSecurityEnv({})).toEqual({
      rateLimitPerSecond: DEFAULT_RATE_LIMIT_PER_SECOND,
      publicPrefixes: [],
      allowedOrigin: undefined,
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    });
  });

  it('parse every option', () => {
    expect(
      parseSecurityEnv({
        SECURITY_RATE_LIMIT: '20',
        SECURITY_PUBLIC_ROUTES: '/api/v1/products, /api/v1/recommendations',
        SECURITY_ALLOWED_ORIGIN: 'https://www.c4ang.com',
        SECURITY_MAX_BODY_BYTES: '65536',
      }),
    ).toEqual({
      rateLimitPerSecond: 20,
      publicPrefixes: ['/api/v1/products', '/api/v1/recommendations'],
      allowedOrigin: 'https://www.c4ang.com',
      maxBodyBytes: 65536,
    });
  });

  it('name each bad value', () => {
    expect(
      findSecurityEnvProblems({
        SECURITY_RATE_LIMIT: '1000',
        SECURITY_PUBLIC_ROUTES: 'products',
        SECURITY_ALLOWED_ORIGIN: 'https://www.c4ang.com/shop',
        SECURITY_MAX_BODY_BYTES: '1e6',
      }).map((p) => p.split(':')[0]),
    ).toEqual([
      'SECURITY_RATE_LIMIT',
      'SECURITY_PUBLIC_ROUTES',
      'SECURITY_ALLOWED_ORIGIN',
      'SECURITY_MAX_BODY_BYTES',
    ]);
    expect(() => parseSecurityEnv({ SECURITY_RATE_LIMIT: '0' })).toThrow(/SECURITY_RATE_LIMIT/);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  it.each([
    ['1', 1],
    [' 30 ', 30],
    ['Tue, 01 Jan 2030 00:00:05 GMT', 5],
    ['Mon, 31 Dec 2029 23:59:00 GMT', 0],
  ])('%s → %s s', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });

  it.each([undefined, '', '-1', '1.5', 'soon', '2030-01-01T00:00:05Z'])('refuses %s', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
