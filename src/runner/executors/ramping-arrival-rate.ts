// ramping-arrival-rate: the iteration rate follows the stages linearly from startRate; start times
// invert the integral of that rate (open model). Runs in: VU thread.
import { ArrivalSchedule } from './arrival-schedule.ts';
import { runArrivalRate } from './arrival-rate-loop.ts';
import type { ExecutorContext, ExecutorResult } from './executor-context.ts';

export function runRampingArrivalRate(ctx: ExecutorContext): Promise<ExecutorResult> {
  const s = ctx.scenario;
  if (s.executor !== 'ramping-arrival-rate')
    throw new Error('ramping-arrival-rate executor got another scenario');
  return runArrivalRate(
    ctx,
    new ArrivalSchedule(s.startRate, s.stages, s.timeUnitMs),
    s.preAllocatedVUs,
    s.maxVUs,
  );
}
