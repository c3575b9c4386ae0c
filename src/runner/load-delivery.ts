// Did the run deliver the load its executors planned? Iterations done against the plan: the
// iterations executors' counts, the arrival-rate executors' rate × time, and for the VU executors
// the planned VU-time divided by the mean iteration time (what each VU would have done unhindered).
// On the blocking path the VUs of a thread run one after another, so this is where a run says, at
// the top of its summary, that its numbers are not the script's load. Runs in: Node (main thread).
import type { MetricRegistry } from './metrics/registry.ts';
import type { Scenario, Stage } from './options/scenario-types.ts';

/** Below this share of the plan, the run did not deliver its load. */
export const DELIVERED_SHARE = 0.95;

/** ∫ of a stage-wise linear profile starting at `start`, in (unit × ms). */
function stagesArea(start: number, stages: readonly Stage[]): number {
  let from = start;
  let area = 0;
  for (const stage of stages) {
    area += ((from + stage.target) / 2) * stage.durationMs;
    from = stage.target;
  }
  return area;
}

/** Iterations `scenario` plans; the VU executors need the mean iteration time (undefined without it). */
export function plannedIterations(
  scenario: Scenario,
  meanIterationMs: number | undefined,
): number | undefined {
  const perVuTime = (vuMs: number) =>
    meanIterationMs && meanIterationMs > 0 ? vuMs / meanIterationMs : undefined;
  switch (scenario.executor) {
    case 'shared-iterations':
      return scenario.iterations;
    case 'per-vu-iterations':
      return scenario.vus * scenario.iterations;
    case 'constant-vus':
      return perVuTime(scenario.vus * scenario.durationMs);
    case 'ramping-vus':
      return perVuTime(stagesArea(scenario.startVUs, scenario.stages));
    case 'constant-arrival-rate':
      return (scenario.rate * scenario.durationMs) / scenario.timeUnitMs;
    case 'ramping-arrival-rate':
      return stagesArea(scenario.startRate, scenario.stages) / scenario.timeUnitMs;
  }
}

export interface LoadDelivery {
  done: number;
  planned: number;
}

/** Iterations done and planned over every scenario; undefined when the plan cannot be told. */
export function loadDelivery(
  scenarios: readonly Scenario[],
  registry: MetricRegistry,
  testRunDurationMs: number,
): LoadDelivery | undefined {
  const done = registry.get('iterations')?.count ?? 0;
  const mean = registry.get('iteration_duration')?.value('avg', testRunDurationMs);
  let planned = 0;
  for (const scenario of scenarios) {
    const share = plannedIterations(scenario, mean);
    if (share === undefined) return undefined;
    planned += share;
  }
  return { done, planned };
}

/** The summary's headline when the blocking path kept the run below its plan; undefined otherwise. */
export function undeliveredHeadline(delivery: LoadDelivery | undefined): string | undefined {
  if (!delivery || delivery.done >= DELIVERED_SHARE * delivery.planned) return undefined;
  const planned = Math.round(delivery.planned).toLocaleString('en-US');
  return (
    `LOAD NOT DELIVERED: ${delivery.done.toLocaleString('en-US')} iterations done, the executors planned ~${planned} ` +
    '(blocking k6 calls ran on the blocking path, one VU of a thread at a time; see the warning at the start of the run)'
  );
}
