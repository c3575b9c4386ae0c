// `npm run target`'s security flags: --security (every rule; also C4ANG_PERF_STANDIN_SECURITY=on), or
// one at a time --auth, --rate-limit <n>, --cors-origin <origin> (repeatable) and --scrub-errors. With
// auth on and AUTH_TOKEN unset, a development token is made and printed, so curl can use it.
// Runs in: Node.
import { DEFAULT_RATE_LIMIT_PER_SECOND } from '../../vu/security/security-env.ts';
import {
  DEFAULT_CORS_ORIGIN,
  generateDevToken,
  MAX_STANDIN_RATE_LIMIT,
  parseStandinSecurityEnv,
  STANDIN_SECURITY_ENV,
  type StandinSecurity,
} from './standin-security.ts';

export interface SecurityFlags {
  security?: boolean;
  auth?: boolean;
  rateLimit?: string;
  corsOrigin?: string[];
  scrubErrors?: boolean;
}

export interface TargetSecurity {
  readonly security: StandinSecurity | undefined;
  /** The development token made for this stand-in (AUTH_TOKEN unset), to print; else undefined. */
  readonly devToken: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

export function securityFromTargetFlags(flags: SecurityFlags, env: Env, problems: string[]): TargetSecurity {
  const all = flags.security === true || parseStandinSecurityEnv(env[STANDIN_SECURITY_ENV], problems);
  let rateLimitPerSecond: number | undefined;
  if (flags.rateLimit !== undefined) {
    const value = Number(flags.rateLimit);
    if (/^\d+$/.test(flags.rateLimit) && value >= 1 && value <= MAX_STANDIN_RATE_LIMIT)
      rateLimitPerSecond = value;
    else
      problems.push(
        `--rate-limit: must be a whole number of requests per second, 1..${MAX_STANDIN_RATE_LIMIT} (got "${flags.rateLimit}")`,
      );
  } else if (all) rateLimitPerSecond = DEFAULT_RATE_LIMIT_PER_SECOND;
  const corsOrigins = flags.corsOrigin ?? (all ? [DEFAULT_CORS_ORIGIN] : undefined);
  for (const origin of corsOrigins ?? [])
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin))
      problems.push(
        `--cors-origin: must be an origin such as ${DEFAULT_CORS_ORIGIN}, without a path (got "${origin}")`,
      );
  const auth = all || flags.auth === true;
  const devToken = auth && !env.AUTH_TOKEN ? generateDevToken() : undefined;
  const security: StandinSecurity = {
    ...(auth ? { authToken: env.AUTH_TOKEN || devToken } : {}),
    ...(rateLimitPerSecond !== undefined ? { rateLimitPerSecond } : {}),
    ...(corsOrigins !== undefined ? { corsOrigins } : {}),
    ...(all || flags.scrubErrors ? { scrubErrors: true } : {}),
  };
  return { security: Object.keys(security).length > 0 ? security : undefined, devToken };
}
