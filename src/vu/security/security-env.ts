// The security profile's options, read from `__ENV` (SECURITY_*): what the target is expected to do, so
// the same probes fit a target whose rate limit, public routes or CORS origins differ from the
// defaults. Pure TS with no imports: the Node side checks the same rules before a run starts (a bad
// value is a 104 there, a script error in a bare k6 run). Runs in: VU and Node.

export interface SecurityEnv {
  /** Requests per second one client may send; the burst probe sends 3× this at once. */
  readonly rateLimitPerSecond: number;
  /** Path prefixes served without credentials on purpose, besides every service's health route. */
  readonly publicPrefixes: readonly string[];
  /** An origin the target's CORS policy allows; when set, the CORS probe also expects it to be allowed. */
  readonly allowedOrigin: string | undefined;
  /** Largest request body the target accepts, bytes; the oversized probe sends twice as much. */
  readonly maxBodyBytes: number;
}

export const SECURITY_ENV_NAMES = [
  'SECURITY_RATE_LIMIT',
  'SECURITY_PUBLIC_ROUTES',
  'SECURITY_ALLOWED_ORIGIN',
  'SECURITY_MAX_BODY_BYTES',
] as const;

/**
 * Default expected rate limit per client. The embedded stand-in, with its rules on, enforces the
 * same number, so the probe and the stand-in agree without configuration.
 */
export const DEFAULT_RATE_LIMIT_PER_SECOND = 50;
/** The most a burst may send (3 × the limit): the probe stays bounded whatever the option says. */
export const MAX_RATE_LIMIT_PER_SECOND = 300;
/** 1 MiB, the body size the stand-in's gateway buffers and Envoy's usual buffer limit. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const MAX_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Requests of the rate-limit burst: 3 × the limit, never more than this whatever the option says. */
export const MAX_BURST = 1000;
export const burstSize = (limitPerSecond: number) => Math.min(3 * limitPerSecond, MAX_BURST);

type RawEnv = Readonly<Record<string, string | undefined>>;

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

function wholeNumber(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/** Every problem with the SECURITY_* variables, one line each naming the variable. */
export function findSecurityEnvProblems(raw: RawEnv): string[] {
  const problems: string[] = [];
  const rate = raw.SECURITY_RATE_LIMIT;
  if (rate !== undefined && wholeNumber(rate, 1, MAX_RATE_LIMIT_PER_SECOND) === undefined)
    problems.push(
      `SECURITY_RATE_LIMIT: must be a whole number of requests per second, 1..${MAX_RATE_LIMIT_PER_SECOND} (got "${rate}")`,
    );
  const routes = raw.SECURITY_PUBLIC_ROUTES;
  if (routes !== undefined) {
    for (const prefix of splitList(routes))
      if (!/^\/[A-Za-z0-9/_.-]*$/.test(prefix))
        problems.push(
          `SECURITY_PUBLIC_ROUTES: "${prefix}" must be a path prefix such as /api/v1/products (comma-separated)`,
        );
  }
  const origin = raw.SECURITY_ALLOWED_ORIGIN;
  if (origin !== undefined && origin !== '' && !ORIGIN.test(origin))
    problems.push(
      `SECURITY_ALLOWED_ORIGIN: must be an origin such as https://www.c4ang.com, without a path (got "${origin}")`,
    );
  const body = raw.SECURITY_MAX_BODY_BYTES;
  if (body !== undefined && wholeNumber(body, 1024, MAX_MAX_BODY_BYTES) === undefined)
    problems.push(
      `SECURITY_MAX_BODY_BYTES: must be a whole number of bytes, 1024..${MAX_MAX_BODY_BYTES} (got "${body}")`,
    );
  return problems;
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Parse the SECURITY_* variables; throws one Error listing every problem. */
export function parseSecurityEnv(raw: RawEnv): SecurityEnv {
  const problems = findSecurityEnvProblems(raw);
  if (problems.length > 0) throw new Error(`invalid environment:\n  ${problems.join('\n  ')}`);
  return Object.freeze({
    rateLimitPerSecond:
      raw.SECURITY_RATE_LIMIT === undefined ? DEFAULT_RATE_LIMIT_PER_SECOND : Number(raw.SECURITY_RATE_LIMIT),
    publicPrefixes: splitList(raw.SECURITY_PUBLIC_ROUTES ?? ''),
    allowedOrigin: raw.SECURITY_ALLOWED_ORIGIN || undefined,
    maxBodyBytes:
      raw.SECURITY_MAX_BODY_BYTES === undefined
        ? DEFAULT_MAX_BODY_BYTES
        : Number(raw.SECURITY_MAX_BODY_BYTES),
  });
}
