// What a load run does about security, in one place so config, phase 4 and phase 5 each take one
// line: C4ANG_PERF_STANDIN_SECURITY switches every rule of the embedded stand-in on (rate limit as
// SECURITY_RATE_LIMIT expects, AUTH_TOKEN or a development token), the SECURITY_* profile options are
// checked and passed to the VUs, and with the rules on the VUs get the token and the allowed origin
// of the stand-in they are probing. Runs in: Node.
import {
  findSecurityEnvProblems,
  parseSecurityEnv,
  SECURITY_ENV_NAMES,
} from '../../vu/security/security-env.ts';
import {
  allStandinRules,
  parseStandinSecurityEnv,
  STANDIN_SECURITY_ENV,
  type StandinSecurity,
} from './standin-security.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface RunSecurity {
  /** Embedded stand-in only: every edge rule on (C4ANG_PERF_STANDIN_SECURITY=on). */
  readonly standinSecurity: boolean;
  /** The SECURITY_* variables that are set, checked: handed to the VUs as they are. */
  readonly securityEnv: Readonly<Record<string, string>>;
}

export function resolveRunSecurity(env: Env, problems: string[]): RunSecurity {
  const standinSecurity = parseStandinSecurityEnv(env[STANDIN_SECURITY_ENV], problems);
  const securityEnv: Record<string, string> = {};
  for (const name of SECURITY_ENV_NAMES) {
    const value = env[name];
    if (value !== undefined) securityEnv[name] = value;
  }
  problems.push(...findSecurityEnvProblems(securityEnv));
  return { standinSecurity, securityEnv };
}

/** The stand-in's rules for a run: all on, the profile's expected rate limit, or none. */
export function standinSecurityFor(
  run: RunSecurity & { readonly authToken: string | undefined },
): StandinSecurity | undefined {
  if (!run.standinSecurity) return undefined;
  return allStandinRules(run.authToken, parseSecurityEnv(run.securityEnv).rateLimitPerSecond);
}

/**
 * The VU environment's security part: the SECURITY_* options, and for a stand-in with its rules on
 * the token it accepts (when AUTH_TOKEN did not set it) and the origin its CORS policy allows.
 */
export function securityVuEnv(
  run: RunSecurity & { readonly authToken: string | undefined },
  standin: StandinSecurity | undefined,
): Record<string, string> {
  const env: Record<string, string> = { ...run.securityEnv };
  if (standin?.authToken && !run.authToken) env.AUTH_TOKEN = standin.authToken;
  const origin = standin?.corsOrigins?.[0];
  if (origin && env.SECURITY_ALLOWED_ORIGIN === undefined) env.SECURITY_ALLOWED_ORIGIN = origin;
  return env;
}
