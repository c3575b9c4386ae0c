// The stand-in's CORS policy: allowed origins get their own origin back and their preflights
// answered; others get no Access-Control-Allow-Origin.
import { describe, expect, it } from 'vitest';
import { decideCors } from '../../../../src/target/gateway/security/cors-policy.ts';

const ALLOWED = ['https://www.c4ang.com'];

describe('decideCors', () => {
  it('leaves a request without Origin alone', () => {
    expect(decideCors('GET', {}, ALLOWED)).toEqual({ kind: 'none' });
  });

  it('gives an allowed origin its own origin back, never *', () => {
    const decision = decideCors('GET', { origin: 'https://www.c4ang.com' }, ALLOWED);
    expect(decision).toMatchObject({
      kind: 'actual',
      headers: { 'access-control-allow-origin': 'https://www.c4ang.com', vary: 'Origin' },
    });
  });

  it.each(['https://evil.example', 'null', 'https://www.c4ang.com.evil.example', 'http://www.c4ang.com'])(
    'gives %s no Access-Control-Allow-Origin',
    (origin) => {
      const actual = decideCors('GET', { origin }, ALLOWED);
      expect(actual.kind).toBe('actual');
      expect(actual.kind === 'actual' && actual.headers).not.toHaveProperty('access-control-allow-origin');
      const preflight = decideCors('OPTIONS', { origin, 'access-control-request-method': 'POST' }, ALLOWED);
      expect(preflight).toMatchObject({ kind: 'preflight', allowed: false });
      expect(preflight.kind === 'preflight' && preflight.headers).not.toHaveProperty(
        'access-control-allow-origin',
      );
    },
  );

  it('answers an allowed preflight with methods, headers and max age', () => {
    const decision = decideCors(
      'OPTIONS',
      { origin: 'https://www.c4ang.com', 'access-control-request-method': 'POST' },
      ALLOWED,
    );
    expect(decision).toMatchObject({ kind: 'preflight', allowed: true });
    expect(decision.kind === 'preflight' && decision.headers).toMatchObject({
      'access-control-allow-origin': 'https://www.c4ang.com',
      'access-control-allow-methods': expect.stringContaining('POST'),
      'access-control-allow-headers': expect.stringContaining('authorization'),
    });
  });

  it('treats an OPTIONS without Access-Control-Request-Method as an actual request', () => {
    expect(decideCors('OPTIONS', { origin: 'https://www.c4ang.com' }, ALLOWED).kind).toBe('actual');
  });
});
