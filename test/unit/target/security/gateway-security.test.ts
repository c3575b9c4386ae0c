// The gateway's edge rules together, in their order: mesh calls pass, preflights are answered, health
// stays public, then auth (401), then the client's bucket (429 + Retry-After); answers get CORS headers
// and clean error bodies. With every rule off, nothing changes.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { localReply, type ProxyResult } from '../../../../src/target/gateway/proxy-request.ts';
import { createGatewaySecurity } from '../../../../src/target/gateway/security/gateway-security.ts';
import { MESH_IDENTITY_HEADER } from '../../../../src/target/gateway/security/security-settings.ts';

const TOKEN = 'dev-abc123';
const request = (method: string, headers: Record<string, string> = {}, address = '127.0.0.1') =>
  ({ method, headers, socket: { remoteAddress: address } }) as unknown as IncomingMessage;
const authed = (extra: Record<string, string> = {}) =>
  request('GET', { authorization: `Bearer ${TOKEN}`, ...extra });
const ok = (headers: Record<string, string> = {}): ProxyResult => ({
  status: 200,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from('{"id":"p-0001"}'),
  replica: 'product-service-1',
  retries: 0,
  flags: [],
});

const allOn = (now = () => 0) =>
  createGatewaySecurity(
    {
      authToken: TOKEN,
      rateLimit: { perSecond: 2, burst: 2 },
      corsOrigins: ['https://www.c4ang.com'],
      scrubErrors: true,
      meshIdentity: 'mesh-xyz',
    },
    now,
  );

describe('gateway security', () => {
  it('changes nothing with every rule off', () => {
    const off = createGatewaySecurity(undefined);
    expect(off.screen(request('GET'), '/api/v1/orders')).toBeUndefined();
    const reply = localReply(503, 'UPSTREAM_RESET', 'reset: ECONNRESET 127.0.0.1:4000', 'r', 0, ['UC']);
    expect(off.finish(request('GET', { origin: 'https://evil.example' }), reply)).toBe(reply);
    expect(createGatewaySecurity({}).screen(request('GET'), '/api/v1/orders')).toBeUndefined();
  });

  it('answers 401 with a challenge to requests without a valid token', () => {
    const security = allOn();
    const bad: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nope' },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of bad) {
      const refused = security.screen(request('GET', headers), '/api/v1/orders');
      expect(refused?.status).toBe(401);
      expect(refused?.headers['www-authenticate']).toMatch(/^Bearer realm="c4ang"/);
    }
    expect(security.screen(authed(), '/api/v1/orders')).toBeUndefined();
  });

  it('keeps health public, and calls inside the mesh untouched by auth and the limit', () => {
    const security = allOn();
    expect(security.screen(request('GET'), '/api/v1/orders/health')).toBeUndefined();
    expect(security.screen(request('GET'), '/api/v1/orders/health/x')?.status).toBe(401);
    for (let i = 0; i < 10; i++)
      expect(
        security.screen(
          request('POST', { [MESH_IDENTITY_HEADER]: 'mesh-xyz' }),
          '/api/v1/products/reservations',
        ),
      ).toBeUndefined();
    // A guessed identity is just another unauthenticated request.
    expect(
      security.screen(request('GET', { [MESH_IDENTITY_HEADER]: 'guess' }), '/api/v1/orders')?.status,
    ).toBe(401);
  });

  it('refuses a client over its bucket with 429, Retry-After and the RL flag', () => {
    let now = 0;
    const security = allOn(() => now);
    expect(security.screen(authed(), '/api/v1/products')).toBeUndefined();
    expect(security.screen(authed(), '/api/v1/products')).toBeUndefined();
    const refused = security.screen(authed(), '/api/v1/products');
    expect(refused).toMatchObject({ status: 429, flags: ['RL'], headers: { 'retry-after': '1' } });
    now = 600; // 1.2 tokens back
    expect(security.screen(authed(), '/api/v1/products')).toBeUndefined();
  });

  it('limits a client by address when auth is off', () => {
    const security = createGatewaySecurity({ rateLimit: { perSecond: 1, burst: 1 } }, () => 0);
    expect(security.screen(request('GET', {}, '10.0.0.1'), '/api/v1/products')).toBeUndefined();
    expect(security.screen(request('GET', {}, '10.0.0.1'), '/api/v1/products')?.status).toBe(429);
    expect(security.screen(request('GET', {}, '10.0.0.2'), '/api/v1/products')).toBeUndefined();
  });

  it('answers preflights itself, before auth: 204 for an allowed origin, 403 without CORS headers otherwise', () => {
    const security = allOn();
    const preflight = (origin: string) =>
      request('OPTIONS', { origin, 'access-control-request-method': 'POST' });
    const allowed = security.screen(preflight('https://www.c4ang.com'), '/api/v1/orders')!;
    expect(allowed.status).toBe(204);
    expect(security.finish(preflight('https://www.c4ang.com'), allowed).headers).toMatchObject({
      'access-control-allow-origin': 'https://www.c4ang.com',
    });
    const refused = security.screen(preflight('https://evil.example'), '/api/v1/orders')!;
    expect(refused.status).toBe(403);
    expect(security.finish(preflight('https://evil.example'), refused).headers).not.toHaveProperty(
      'access-control-allow-origin',
    );
  });

  it('sets CORS headers by the policy only, dropping an upstream wildcard', () => {
    const security = allOn();
    const upstream = ok({ 'access-control-allow-origin': '*', 'Access-Control-Allow-Credentials': 'true' });
    const evil = security.finish(authed({ origin: 'https://evil.example' }), upstream);
    expect(Object.keys(evil.headers).map((h) => h.toLowerCase())).not.toContain(
      'access-control-allow-origin',
    );
    expect(Object.keys(evil.headers).map((h) => h.toLowerCase())).not.toContain(
      'access-control-allow-credentials',
    );
    const shop = security.finish(authed({ origin: 'https://www.c4ang.com' }), upstream);
    expect(shop.headers['access-control-allow-origin']).toBe('https://www.c4ang.com');
  });

  it('scrubs error bodies on the way out, but not a mesh call', () => {
    const security = allOn();
    const reply = localReply(
      503,
      'UPSTREAM_CONNECT_FAILURE',
      'connect ECONNREFUSED 127.0.0.1:41234',
      'r',
      0,
      ['UF'],
    );
    const scrubbed = security.finish(authed(), reply);
    expect(scrubbed.status).toBe(503);
    expect(JSON.parse(scrubbed.body.toString())).toEqual({
      error: { code: 'UPSTREAM_CONNECT_FAILURE', message: 'the service is unavailable; try again later' },
    });
    expect(security.finish(request('GET', { [MESH_IDENTITY_HEADER]: 'mesh-xyz' }), reply)).toBe(reply);
    expect(security.finish(authed(), ok()).body.toString()).toBe('{"id":"p-0001"}');
  });
});
