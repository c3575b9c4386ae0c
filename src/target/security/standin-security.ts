// The stand-in's security rules as `npm run target` and a load run ask for them: bearer auth, a rate
// limit per client, a CORS policy, error bodies without internals — each off unless asked for, all on
// with C4ANG_PERF_STANDIN_SECURITY=on. Checked here (every problem named), turned into the gateway's
// settings with a fresh mesh identity, and described for log lines without ever showing the token.
// Runs in: Node (parent).
import { randomBytes } from 'node:crypto';
import { DEFAULT_RATE_LIMIT_PER_SECOND } from '../../vu/security/security-env.ts';
import type { GatewaySecuritySettings } from '../gateway/security/security-settings.ts';

export interface StandinSecurity {
  /** Bearer token the gateway requires; undefined: no auth. */
  readonly authToken?: string;
  /** Requests per second per client (also the bucket size); undefined: no rate limit. */
  readonly rateLimitPerSecond?: number;
  /** Origins the CORS policy allows; undefined: no CORS policy. */
  readonly corsOrigins?: readonly string[];
  /** Error bodies rebuilt without internals. */
  readonly scrubErrors?: boolean;
}

export const STANDIN_SECURITY_ENV = 'C4ANG_PERF_STANDIN_SECURITY';
/** The origin the stand-in's CORS policy allows when none is named: the shop's web front end. */
export const DEFAULT_CORS_ORIGIN = 'https://www.c4ang.com';
export const MAX_STANDIN_RATE_LIMIT = 10_000;

/** `on` / `off` (unset: off); anything else is a problem naming the variable. */
export function parseStandinSecurityEnv(value: string | undefined, problems: string[]): boolean {
  if (value === undefined || value === '' || value === 'off') return false;
  if (value === 'on') return true;
  problems.push(`${STANDIN_SECURITY_ENV}: must be on or off (got "${value}")`);
  return false;
}

/**
 * A development token, new for each run or `npm run target`, for when AUTH_TOKEN is not set: the
 * harness hands it to the VUs, so legitimate traffic is authenticated while probes send none.
 */
export function generateDevToken(): string {
  return `dev-${randomBytes(24).toString('base64url')}`;
}

/** Every rule on: the token given (AUTH_TOKEN) or a development one, the expected rate limit. */
export function allStandinRules(
  authToken: string | undefined,
  rateLimitPerSecond = DEFAULT_RATE_LIMIT_PER_SECOND,
): StandinSecurity {
  return {
    authToken: authToken || generateDevToken(),
    rateLimitPerSecond,
    corsOrigins: [DEFAULT_CORS_ORIGIN],
    scrubErrors: true,
  };
}

const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const ORIGIN = /^(?:https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?|null)$/;

/** The gateway's settings for `security`, or undefined when no rule is on; problems are pushed. */
export function toGatewaySecurity(
  security: StandinSecurity | undefined,
  problems: string[],
): GatewaySecuritySettings | undefined {
  if (!security) return undefined;
  const { authToken, rateLimitPerSecond, corsOrigins, scrubErrors } = security;
  // The token is a secret: problems never show it.
  if (authToken !== undefined && !B64TOKEN.test(authToken))
    problems.push(
      'security.authToken: must be a bearer token of letters, digits and -._~+/ (value not shown)',
    );
  if (
    rateLimitPerSecond !== undefined &&
    !(
      Number.isInteger(rateLimitPerSecond) &&
      rateLimitPerSecond >= 1 &&
      rateLimitPerSecond <= MAX_STANDIN_RATE_LIMIT
    )
  )
    problems.push(
      `security.rateLimitPerSecond: must be a whole number 1..${MAX_STANDIN_RATE_LIMIT} (got ${rateLimitPerSecond})`,
    );
  for (const origin of corsOrigins ?? [])
    if (!ORIGIN.test(origin))
      problems.push(`security.corsOrigins: "${origin}" must be an origin such as ${DEFAULT_CORS_ORIGIN}`);
  const settings: GatewaySecuritySettings = {
    ...(authToken !== undefined ? { authToken } : {}),
    ...(rateLimitPerSecond !== undefined
      ? { rateLimit: { perSecond: rateLimitPerSecond, burst: rateLimitPerSecond } }
      : {}),
    ...(corsOrigins !== undefined ? { corsOrigins: [...corsOrigins] } : {}),
    ...(scrubErrors ? { scrubErrors: true } : {}),
  };
  if (Object.keys(settings).length === 0) return undefined;
  return { ...settings, meshIdentity: randomBytes(18).toString('base64url') };
}

/** One line for logs: which rules are on, the token never shown. */
export function describeStandinSecurity(security: StandinSecurity | undefined): string {
  const rules: string[] = [];
  if (security?.authToken !== undefined) rules.push('bearer auth');
  if (security?.rateLimitPerSecond !== undefined)
    rules.push(`rate limit ${security.rateLimitPerSecond}/s per client`);
  if (security?.corsOrigins !== undefined)
    rules.push(`CORS allows ${security.corsOrigins.join(', ') || 'no origin'}`);
  if (security?.scrubErrors) rules.push('no internals in error bodies');
  return rules.length > 0 ? rules.join(', ') : 'no security rules';
}
