// The most VUs the run's scenario can have at once, at its scales: k6-operator splits VUs between
// runner pods (execution segments) and stops the TestRun at `error` when there are more runners than
// VUs, so the harness refuses such a --parallelism before applying anything. Runs in: Node; pure.
import { scaleScenario, type Scales } from '../../vu/options.ts';
import type { Profile } from '../../vu/profiles.ts';

interface ScenarioCounts {
  vus?: number;
  startVUs?: number;
  maxVUs?: number;
  preAllocatedVUs?: number;
  stages?: { target: number }[];
}

export function maxVusOf(profile: Profile, scales: Scales): number {
  const scenario = scaleScenario(profile.scenario, scales) as unknown as ScenarioCounts & {
    executor: string;
  };
  switch (scenario.executor) {
    case 'ramping-vus':
      return Math.max(scenario.startVUs ?? 1, ...(scenario.stages ?? []).map((stage) => stage.target));
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate':
      return Math.max(scenario.maxVUs ?? 0, scenario.preAllocatedVUs ?? 0);
    default:
      // constant-vus, per-vu-iterations, shared-iterations: a fixed number of VUs.
      return scenario.vus ?? 1;
  }
}
