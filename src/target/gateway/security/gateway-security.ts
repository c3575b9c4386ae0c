// The edge rules of the gateway put together, in the order a request meets them: calls between
// services (the mesh identity) pass untouched; a CORS preflight is answered here (before auth: a
// browser sends no credentials on one); the services' health routes stay public; then bearer auth
// (401), then the client's token bucket (429 + Retry-After, Envoy's `RL` flag). On the way out,
// error bodies lose their internals and the CORS policy sets the CORS headers. With every rule off
// (the default stand-in) both steps are no-ops. Runs in: Node (gateway).
import type { IncomingMessage } from 'node:http';
import { SERVICES } from '../../../vu/services.ts';
import { type ProxyResult, localReply } from '../proxy-request.ts';
import { bearerChallenge, createBearerCheck } from './bearer-auth.ts';
import { CORS_RESPONSE_HEADERS, decideCors } from './cors-policy.ts';
import { scrubErrorBody } from './scrub-error-body.ts';
import { anyEdgeRule, type GatewaySecuritySettings, MESH_IDENTITY_HEADER } from './security-settings.ts';
import { ClientRateLimiter } from './token-bucket.ts';

export interface GatewaySecurity {
  /** An answer the gateway gives itself (preflight, 401, 429), or undefined: route the request on. */
  screen(req: IncomingMessage, pathname: string): ProxyResult | undefined;
  /** The answer as the client gets it. */
  finish(req: IncomingMessage, result: ProxyResult): ProxyResult;
}

const NO_EDGE_RULES: GatewaySecurity = { screen: () => undefined, finish: (_req, result) => result };

const HEALTH_PATHS = new Set(SERVICES.map((s) => `${s.prefix}/health`));

const withHeaders = (result: ProxyResult, headers: Record<string, string>): ProxyResult => ({
  ...result,
  headers: { ...result.headers, ...headers },
});

export function createGatewaySecurity(
  settings: GatewaySecuritySettings | undefined,
  now: () => number = Date.now,
): GatewaySecurity {
  if (!settings || !anyEdgeRule(settings)) return NO_EDGE_RULES;
  const bearer = settings.authToken !== undefined ? createBearerCheck(settings.authToken) : undefined;
  const limiter = settings.rateLimit ? new ClientRateLimiter(settings.rateLimit) : undefined;
  const { corsOrigins, meshIdentity } = settings;
  const internal = (req: IncomingMessage) =>
    meshIdentity !== undefined && req.headers[MESH_IDENTITY_HEADER] === meshIdentity;

  return {
    screen(req, pathname) {
      if (internal(req)) return undefined;
      if (corsOrigins) {
        const cors = decideCors(req.method ?? 'GET', req.headers, corsOrigins);
        if (cors.kind === 'preflight')
          return cors.allowed
            ? {
                status: 204,
                headers: cors.headers,
                body: Buffer.alloc(0),
                replica: '',
                retries: 0,
                flags: [],
              }
            : withHeaders(
                localReply(403, 'CORS_ORIGIN_NOT_ALLOWED', 'this origin may not call the API', '', 0, []),
                cors.headers,
              );
      }
      if (HEALTH_PATHS.has(pathname)) return undefined;
      // Per client: the token when auth is on (the stand-in knows one), else the client's address.
      let client = `address:${req.socket.remoteAddress ?? 'unknown'}`;
      if (bearer) {
        const check = bearer(req.headers.authorization);
        if (check !== 'valid')
          return withHeaders(
            localReply(401, 'UNAUTHENTICATED', 'a valid bearer token is required', '', 0, []),
            { 'www-authenticate': bearerChallenge(check) },
          );
        client = 'token';
      }
      if (limiter) {
        const admission = limiter.take(client, now());
        if (!admission.admitted)
          return withHeaders(
            localReply(
              429,
              'RATE_LIMITED',
              `too many requests; retry after ${admission.retryAfterS} s`,
              '',
              0,
              ['RL'],
            ),
            { 'retry-after': String(admission.retryAfterS) },
          );
      }
      return undefined;
    },

    finish(req, result) {
      if (internal(req)) return result;
      let out = result;
      if (settings.scrubErrors) {
        const body = scrubErrorBody(out.status, out.body);
        if (body) out = { ...withHeaders(out, { 'content-type': 'application/json' }), body };
      }
      const cors = corsOrigins && decideCors(req.method ?? 'GET', req.headers, corsOrigins);
      // A preflight was answered by screen() with the policy's own headers.
      if (cors && cors.kind !== 'preflight') {
        const headers = { ...out.headers };
        for (const name of Object.keys(headers))
          if (CORS_RESPONSE_HEADERS.includes(name.toLowerCase())) delete headers[name];
        out = { ...out, headers: cors.kind === 'actual' ? { ...headers, ...cors.headers } : headers };
      }
      return out;
    },
  };
}
