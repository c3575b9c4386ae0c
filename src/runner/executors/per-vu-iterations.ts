// per-vu-iterations: each VU runs exactly `iterations` (total vus×iterations) within maxDuration;
// iterations not started by then count as dropped_iterations. Runs in: VU thread.
import { type ExecutorContext, type ExecutorResult, scenarioTags, share } from './executor-context.ts';
import { runClosedLoop } from './closed-loop.ts';

export async function runPerVuIterations(ctx: ExecutorContext): Promise<ExecutorResult> {
  const s = ctx.scenario;
  if (s.executor !== 'per-vu-iterations') throw new Error('per-vu-iterations executor got another scenario');
  const vus = share(s.vus, ctx.segment.index, ctx.segment.count);
  const done = new Array<number>(vus).fill(0);
  const result = await runClosedLoop(ctx, vus, ctx.startEpochMs + s.maxDurationMs, (k) => {
    if ((done[k] as number) >= s.iterations) return false;
    done[k] = (done[k] as number) + 1;
    return true;
  });
  const dropped = done.reduce((sum, n) => sum + (s.iterations - n), 0);
  if (dropped > 0) ctx.host.registry.add('dropped_iterations', dropped, scenarioTags(ctx));
  return result;
}
