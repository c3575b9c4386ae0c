// The security probes by name: the `probe` tag their checks carry, the criterion each one becomes (a
// named k6 threshold on `checks{probe:<tag>}`, ADR 002) and the prefix of their check names, so the
// results layer can say which requests failed a criterion. Data only. Runs in: VU and Node.
import type { Criterion } from '../profiles.ts';

export type ProbeName =
  | 'unauthenticated'
  | 'injection'
  | 'reflection'
  | 'badBody'
  | 'rateLimit'
  | 'withinLimit'
  | 'cors'
  | 'internals';

export interface ProbeSpec {
  /** Value of the `probe` tag on the probe's requests and checks. */
  readonly tag: string;
  /** Criterion id in the verdict. */
  readonly criterion: string;
  /** What passing means, as the verdict says it. */
  readonly description: string;
  /** Every check name of the probe starts with this. */
  readonly checkPrefix: string;
}

export const PROBES: Readonly<Record<ProbeName, ProbeSpec>> = {
  unauthenticated: {
    tag: 'unauthenticated',
    criterion: 'security-unauthenticated-401',
    description:
      'requests without a token, with a malformed or an expired-looking one get 401 on every protected route',
    checkPrefix: 'unauthenticated: ',
  },
  injection: {
    tag: 'injection',
    criterion: 'security-injection-4xx',
    description: 'SQL-injection and XSS payloads in path, query and JSON body get a 4xx, never a 5xx',
    checkPrefix: 'injection: ',
  },
  reflection: {
    tag: 'reflection',
    criterion: 'security-payload-not-reflected',
    description: 'no injection payload comes back unescaped in a response body',
    checkPrefix: 'reflection: ',
  },
  badBody: {
    tag: 'bad_body',
    criterion: 'security-bad-bodies-4xx',
    description: 'oversized, malformed and wrong-content-type bodies get a 4xx, never a 5xx',
    checkPrefix: 'bad body: ',
  },
  rateLimit: {
    tag: 'rate_limit',
    criterion: 'security-rate-limit-429',
    description: 'a burst above the expected rate limit gets 429, each with Retry-After',
    checkPrefix: 'rate limit: ',
  },
  withinLimit: {
    tag: 'within_limit',
    criterion: 'security-within-limit-served',
    description: 'authenticated traffic within the rate limit is served, not refused',
    checkPrefix: 'within limit: ',
  },
  cors: {
    tag: 'cors',
    criterion: 'security-cors-disallowed-origin',
    description: 'a disallowed origin gets no Access-Control-Allow-Origin',
    checkPrefix: 'cors: ',
  },
  internals: {
    tag: 'no_internals',
    criterion: 'security-no-internals-leaked',
    description: 'no response leaks a stack trace or server internals',
    checkPrefix: 'no internals: ',
  },
};

export const PROBE_NAMES = Object.keys(PROBES) as ProbeName[];

/** The profile's threshold criteria: every check of a probe must pass. */
export const SECURITY_CRITERIA: readonly Criterion[] = PROBE_NAMES.map((name) => ({
  id: PROBES[name].criterion,
  description: PROBES[name].description,
  metric: `checks{probe:${PROBES[name].tag}}`,
  expression: 'rate==1',
}));

/** The probe whose check this is, by its name's prefix; undefined for any other check. */
export function probeOfCheck(checkName: string): ProbeName | undefined {
  return PROBE_NAMES.find((name) => checkName.startsWith(PROBES[name].checkPrefix));
}
