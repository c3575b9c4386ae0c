// The `security` profile (issue 14): one VU runs a fixed set of probes — credentials, injection, bad
// bodies, CORS, leaks — and a bounded burst, once. Its criteria are the probes' named thresholds.
// A profile of its own rather than a flag on another one, so both engines and the gate run it like any
// profile. Runs in: VU and Node.
import type { Profile } from '../profiles.ts';
import { SECURITY_CRITERIA } from './probe-catalogue.ts';

export const SECURITY_PROFILE: Profile = {
  name: 'security',
  description:
    'probes: 401 without credentials, 4xx for injection and bad bodies, 429 above the rate limit, CORS, no leaked internals',
  // One pass of fixed length: about 15 s on the stand-in, paced to half the expected rate limit so the
  // probes themselves are never rate-limited. maxDuration is the cap on a slow real target.
  scenario: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '2m' },
  thinkTimeMs: 0,
  phases: [],
  criteria: SECURITY_CRITERIA,
  embeddedScale: { load: 1, vu: 1 },
};
