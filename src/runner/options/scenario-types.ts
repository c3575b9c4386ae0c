// Normalized scenario configs (durations in ms, k6 defaults applied) for the six supported
// executors, as derived from options.scenarios or the shortcuts. Runs in: Node (any runner thread).

export const EXECUTORS = [
  'shared-iterations',
  'per-vu-iterations',
  'constant-vus',
  'ramping-vus',
  'constant-arrival-rate',
  'ramping-arrival-rate',
] as const;
export type ExecutorName = (typeof EXECUTORS)[number];

/** One stage: reach `target` (VUs, or iterations per timeUnit) linearly over `durationMs`. */
export interface Stage {
  durationMs: number;
  target: number;
}

interface ScenarioBase {
  name: string;
  /** Offset from test start, ms. */
  startTimeMs: number;
  /** How long in-flight iterations may finish after the scenario's end, ms (k6 default 30 s). */
  gracefulStopMs: number;
  /** Exported function the scenario runs (default 'default'). */
  exec: string;
  env: Record<string, string>;
  tags: Record<string, string>;
}

export interface SharedIterationsScenario extends ScenarioBase {
  executor: 'shared-iterations';
  vus: number;
  iterations: number;
  maxDurationMs: number;
}
export interface PerVuIterationsScenario extends ScenarioBase {
  executor: 'per-vu-iterations';
  vus: number;
  iterations: number;
  maxDurationMs: number;
}
export interface ConstantVusScenario extends ScenarioBase {
  executor: 'constant-vus';
  vus: number;
  durationMs: number;
}
export interface RampingVusScenario extends ScenarioBase {
  executor: 'ramping-vus';
  startVUs: number;
  stages: Stage[];
  gracefulRampDownMs: number;
}
export interface ConstantArrivalRateScenario extends ScenarioBase {
  executor: 'constant-arrival-rate';
  /** Iterations per timeUnit. */
  rate: number;
  timeUnitMs: number;
  durationMs: number;
  preAllocatedVUs: number;
  maxVUs: number;
}
export interface RampingArrivalRateScenario extends ScenarioBase {
  executor: 'ramping-arrival-rate';
  startRate: number;
  timeUnitMs: number;
  stages: Stage[];
  preAllocatedVUs: number;
  maxVUs: number;
}

export type Scenario =
  | SharedIterationsScenario
  | PerVuIterationsScenario
  | ConstantVusScenario
  | RampingVusScenario
  | ConstantArrivalRateScenario
  | RampingArrivalRateScenario;

const sumStages = (stages: Stage[]) => stages.reduce((total, s) => total + s.durationMs, 0);

/** Planned length of the scenario without gracefulStop (iteration executors: maxDuration), ms. */
export function scenarioDurationMs(s: Scenario): number {
  switch (s.executor) {
    case 'shared-iterations':
    case 'per-vu-iterations':
      return s.maxDurationMs;
    case 'constant-vus':
    case 'constant-arrival-rate':
      return s.durationMs;
    case 'ramping-vus':
    case 'ramping-arrival-rate':
      return sumStages(s.stages);
  }
}

/** VUs the scenario needs at most (arrival-rate: maxVUs), and how many to initialize before start. */
export function scenarioVus(s: Scenario): { initial: number; max: number } {
  switch (s.executor) {
    case 'shared-iterations':
    case 'per-vu-iterations':
    case 'constant-vus':
      return { initial: s.vus, max: s.vus };
    case 'ramping-vus': {
      const max = Math.max(s.startVUs, ...s.stages.map((st) => st.target));
      return { initial: max, max };
    }
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate':
      return { initial: s.preAllocatedVUs, max: s.maxVUs };
  }
}

/**
 * When the test must be over, ms from test start: the latest planned end + gracefulStop of any
 * scenario. Executors interrupt what still runs at their own; the runner stops everything here.
 */
export function hardStopMs(scenarios: readonly Scenario[]): number {
  return Math.max(0, ...scenarios.map((s) => s.startTimeMs + scenarioDurationMs(s) + s.gracefulStopMs));
}
