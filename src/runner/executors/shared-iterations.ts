// shared-iterations: VUs pull from one pool of `iterations` until it is empty or maxDuration
// passes; iterations never started by then count as dropped_iterations. Runs in: VU thread.
import { type ExecutorContext, type ExecutorResult, scenarioTags, share } from './executor-context.ts';
import { runClosedLoop } from './closed-loop.ts';

export async function runSharedIterations(ctx: ExecutorContext): Promise<ExecutorResult> {
  const s = ctx.scenario;
  if (s.executor !== 'shared-iterations') throw new Error('shared-iterations executor got another scenario');
  // Only threads that get VUs take a share of the iterations.
  const stripes = Math.min(ctx.segment.count, s.vus);
  const mine = ctx.segment.index < stripes;
  const vus = mine ? share(s.vus, ctx.segment.index, stripes) : 0;
  const iterations = mine ? share(s.iterations, ctx.segment.index, stripes) : 0;
  let started = 0;
  const result = await runClosedLoop(
    ctx,
    vus,
    ctx.startEpochMs + s.maxDurationMs,
    () => started < iterations && ++started > 0,
  );
  if (started < iterations)
    ctx.host.registry.add('dropped_iterations', iterations - started, scenarioTags(ctx));
  return result;
}
