// The six load profiles of DESIGN.md §2 at full scale (and the security profile of issue 14), with their
// pass criteria: data that the scenarios, the verdicts, the reports and the tests all read. Runs in: VU and Node.
import type { Scenario } from 'k6/options';
import { SECURITY_PROFILE } from './security/security-profile.ts';

export type ProfileName = 'smoke' | 'normal' | 'stress' | 'spike' | 'soak' | 'breakpoint' | 'security';
export const PROFILE_NAMES: readonly ProfileName[] = [
  'smoke',
  'normal',
  'stress',
  'spike',
  'soak',
  'breakpoint',
  'security',
];

/** One pass criterion, expressed as a k6 threshold so both engines evaluate it the same way. */
export interface Criterion {
  /** Stable name shown in results and reports, e.g. `p95-under-500ms`. */
  readonly id: string;
  readonly description: string;
  /** k6 metric key, optionally with a tag selector: `http_req_failed{phase:spike}`. */
  readonly metric: string;
  /** k6 threshold expression, e.g. `p(95)<500`. */
  readonly expression: string;
  /** Stop the run as soon as this fails (breakpoint). */
  readonly abortOnFail?: boolean;
  /** k6 duration before abortOnFail is evaluated (scaled by LOAD_SCALE). */
  readonly delayAbortEval?: string;
  /**
   * The expression checks a share of an arrival rate (iterations/s at full scale): at VU_SCALE the
   * threshold follows the scaled (rounded) rate the executor really offers.
   */
  readonly rateTarget?: { readonly perSecond: number; readonly share: number };
}

/** A named time window of the profile, as offsets from the scenario start (full scale). */
export interface Phase {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

export interface Profile {
  readonly name: ProfileName;
  readonly description: string;
  /** The k6 scenario at full scale (LOAD_SCALE = VU_SCALE = 1). */
  readonly scenario: Scenario;
  /** Pause after each iteration (user think time), 0 for open-model profiles. Not scaled. */
  readonly thinkTimeMs: number;
  readonly phases: readonly Phase[];
  readonly criteria: readonly Criterion[];
  /** Scales used on the embedded target when none is given: the run takes one to two minutes. */
  readonly embeddedScale: { readonly load: number; readonly vu: number };
}

const p95 = (metric = 'http_req_duration'): Criterion => ({
  id: 'p95-under-500ms',
  description: '95th percentile response time below 500 ms',
  metric,
  expression: 'p(95)<500',
});
const p99: Criterion = {
  id: 'p99-under-1000ms',
  description: '99th percentile response time below 1000 ms',
  metric: 'http_req_duration',
  expression: 'p(99)<1000',
};
const errorsBelow = (percent: number, metric = 'http_req_failed'): Criterion => ({
  id: `errors-under-${percent}pct`,
  description: `fewer than ${percent} % of requests failed`,
  metric,
  expression: `rate<${percent / 100}`,
});
const rateReached = (perSecond: number): Criterion => ({
  id: 'target-rate-reached',
  description: `at least 95 % of the target ${perSecond} iterations/s started and completed`,
  metric: 'iterations',
  expression: `rate>=${perSecond * 0.95}`,
  rateTarget: { perSecond, share: 0.95 },
});

/** stress: 100 users, +100 every 5 minutes up to 1000, then hold and ramp down: 1 h in all. */
function stressSteps(): { stages: { duration: string; target: number }[]; phases: Phase[] } {
  const stages: { duration: string; target: number }[] = [];
  const phases: Phase[] = [];
  for (let level = 1; level <= 10; level++) {
    if (level > 1) stages.push({ duration: '30s', target: level * 100 });
    stages.push({ duration: level > 1 ? '4m30s' : '5m', target: level * 100 });
    phases.push({ name: `step-${level}`, from: `${(level - 1) * 5}m`, to: `${level * 5}m` });
  }
  stages.push({ duration: '5m', target: 1000 }, { duration: '5m', target: 0 });
  phases.push({ name: 'hold', from: '50m', to: '55m' }, { name: 'ramp-down', from: '55m', to: '60m' });
  return { stages, phases };
}
const stress = stressSteps();

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  smoke: {
    name: 'smoke',
    description: 'one VU calls every route once, every health endpoint and an unknown path',
    scenario: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '1m' },
    thinkTimeMs: 0,
    phases: [],
    criteria: [
      { id: 'all-checks-pass', description: 'every check passed', metric: 'checks', expression: 'rate==1' },
      {
        id: 'no-failed-requests',
        description: 'every response had its expected status',
        metric: 'http_req_failed',
        expression: 'rate==0',
      },
    ],
    embeddedScale: { load: 1, vu: 1 },
  },
  normal: {
    name: 'normal',
    description: '100 concurrent users at about 100 req/s for 30 minutes',
    scenario: {
      executor: 'constant-arrival-rate',
      rate: 100,
      timeUnit: '1s',
      duration: '30m',
      preAllocatedVUs: 100,
      maxVUs: 100,
    },
    thinkTimeMs: 0,
    phases: [],
    criteria: [p95(), p99, errorsBelow(0.1), rateReached(100)],
    embeddedScale: { load: 0.05, vu: 1 },
  },
  stress: {
    name: 'stress',
    description: '100 users, +100 every 5 minutes up to 1000: find the breaking point',
    scenario: { executor: 'ramping-vus', startVUs: 100, stages: stress.stages, gracefulRampDown: '30s' },
    thinkTimeMs: 1000,
    phases: stress.phases,
    // The breaking point is reported from the per-step breakdown, not gated: only gross failure fails.
    criteria: [errorsBelow(50)],
    embeddedScale: { load: 0.025, vu: 0.5 },
  },
  spike: {
    name: 'spike',
    description: '50 users for 10 minutes, 500 users for 5 minutes, 50 users for 10 minutes',
    scenario: {
      executor: 'ramping-vus',
      startVUs: 50,
      stages: [
        { duration: '10m', target: 50 },
        { duration: '30s', target: 500 },
        { duration: '4m30s', target: 500 },
        { duration: '30s', target: 50 },
        { duration: '9m30s', target: 50 },
      ],
      gracefulRampDown: '30s',
    },
    thinkTimeMs: 1000,
    phases: [
      { name: 'pre', from: '0s', to: '10m' },
      { name: 'spike', from: '10m', to: '15m' },
      { name: 'post', from: '15m', to: '25m' },
    ],
    criteria: [
      { ...errorsBelow(5, 'http_req_failed{phase:spike}'), id: 'spike-errors-under-5pct' },
      { ...p95('http_req_duration{phase:post}'), id: 'post-spike-p95-under-500ms' },
      { ...errorsBelow(1, 'http_req_failed{phase:post}'), id: 'post-spike-errors-under-1pct' },
      {
        id: 'no-pool-exhaustion-after-spike',
        description: 'no connection-pool overflow (503 UO) after the spike',
        metric: 'gateway_overflows{phase:post}',
        expression: 'count==0',
      },
    ],
    embeddedScale: { load: 0.04, vu: 0.4 },
  },
  soak: {
    name: 'soak',
    description: '200 users at about 200 req/s for 24 hours',
    scenario: {
      executor: 'constant-arrival-rate',
      rate: 200,
      timeUnit: '1s',
      duration: '24h',
      preAllocatedVUs: 200,
      maxVUs: 200,
    },
    thinkTimeMs: 0,
    phases: [],
    criteria: [p95(), errorsBelow(1), rateReached(200)],
    embeddedScale: { load: 0.001, vu: 0.5 },
  },
  breakpoint: {
    name: 'breakpoint',
    description: 'arrival rate ramped up until a threshold aborts the run',
    scenario: {
      executor: 'ramping-arrival-rate',
      startRate: 50,
      timeUnit: '1s',
      preAllocatedVUs: 100,
      maxVUs: 2000,
      stages: [{ duration: '2h', target: 5000 }],
    },
    thinkTimeMs: 0,
    phases: [],
    criteria: [
      { ...p95(), abortOnFail: true, delayAbortEval: '1m' },
      { ...errorsBelow(1), abortOnFail: true, delayAbortEval: '1m' },
    ],
    embeddedScale: { load: 0.0125, vu: 0.4 },
  },
  // Issue 14: probes rather than load; defined beside its probes in src/vu/security/.
  security: SECURITY_PROFILE,
};
