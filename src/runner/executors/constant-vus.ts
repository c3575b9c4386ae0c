// constant-vus: a fixed number of VUs loop for `duration` (closed model). Runs in: VU thread.
import { type ExecutorContext, type ExecutorResult, share } from './executor-context.ts';
import { runClosedLoop } from './closed-loop.ts';

export function runConstantVus(ctx: ExecutorContext): Promise<ExecutorResult> {
  const s = ctx.scenario;
  if (s.executor !== 'constant-vus') throw new Error('constant-vus executor got another scenario');
  const vus = share(s.vus, ctx.segment.index, ctx.segment.count);
  return runClosedLoop(ctx, vus, ctx.startEpochMs + s.durationMs, () => true, true);
}
