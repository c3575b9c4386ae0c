// constant-arrival-rate: `rate` iterations per timeUnit, evenly spaced, for `duration` (open model).
// Runs in: VU thread.
import { ArrivalSchedule } from './arrival-schedule.ts';
import { runArrivalRate } from './arrival-rate-loop.ts';
import type { ExecutorContext, ExecutorResult } from './executor-context.ts';

export function runConstantArrivalRate(ctx: ExecutorContext): Promise<ExecutorResult> {
  const s = ctx.scenario;
  if (s.executor !== 'constant-arrival-rate')
    throw new Error('constant-arrival-rate executor got another scenario');
  return runArrivalRate(
    ctx,
    ArrivalSchedule.constant(s.rate, s.timeUnitMs, s.durationMs),
    s.preAllocatedVUs,
    s.maxVUs,
  );
}
