// The open-model loop of both arrival-rate executors: a timer wakes at the next intended start and
// starts EVERY iteration that is due; with no free VU (and maxVUs reached) the iteration is counted
// in dropped_iterations, never queued. Start lag (actual − intended) goes to
// `local_iteration_start_lag` and the live lag watch so a saturated generator is visible. Runs in: VU thread.
import type { Vu } from '../vu.ts';
import type { ArrivalSchedule } from './arrival-schedule.ts';
import {
  drain,
  type ExecutorContext,
  type ExecutorResult,
  nowEpochMs,
  recordStartLag,
  runOne,
  scenarioTags,
  share,
} from './executor-context.ts';

export async function runArrivalRate(
  ctx: ExecutorContext,
  schedule: ArrivalSchedule,
  preAllocatedVUs: number,
  maxVUs: number,
): Promise<ExecutorResult> {
  const { index } = ctx.segment;
  const stripes = Math.min(ctx.segment.count, maxVUs);
  if (index >= stripes) return { interrupted: 0 };
  const signal = ctx.stopSignal;
  const registry = ctx.host.registry;
  const tags = scenarioTags(ctx);
  const maxMine = share(maxVUs, index, stripes);
  const idle: Vu[] = [];
  const owned: Vu[] = [];
  const busy = new Set<Vu>();
  const allocate = () => {
    const vu = ctx.pool.acquire();
    vu.activate(ctx.state);
    owned.push(vu);
    return vu;
  };
  for (let k = share(preAllocatedVUs, index, stripes); k > 0; k--) idle.push(allocate());
  let inFlight = 0;
  let onIdle: (() => void) | null = null;
  let globalIndex = index;
  ctx.state.nextIterationInTest = () => globalIndex;

  const start = (i: number, intendedEpochMs: number, now: number) => {
    const vu = idle.pop() ?? (owned.length < maxMine ? allocate() : undefined);
    if (!vu) {
      registry.add('dropped_iterations', 1, tags);
      return;
    }
    recordStartLag(ctx, now - intendedEpochMs, tags);
    globalIndex = i;
    busy.add(vu);
    inFlight++;
    runOne(ctx, vu).then((outcome) => {
      busy.delete(vu);
      if (outcome !== 'interrupted') idle.push(vu);
      if (--inFlight === 0) onIdle?.();
    });
  };

  let i = index;
  let next = schedule.startOf(i);
  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
    const finish = () => {
      clearTimeout(timer as NodeJS.Timeout);
      clearImmediate(timer as NodeJS.Immediate);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const tick = () => {
      if (signal.aborted) return finish();
      const now = nowEpochMs();
      while (next !== undefined && ctx.startEpochMs + next <= now) {
        start(i, ctx.startEpochMs + next, now);
        i += stripes;
        next = schedule.startOf(i);
      }
      if (next === undefined) return finish();
      const delayMs = ctx.startEpochMs + next - nowEpochMs();
      timer = delayMs < 1 ? setImmediate(tick) : setTimeout(tick, Math.floor(delayMs));
    };
    signal.addEventListener('abort', finish, { once: true });
    tick();
  });

  const endEpochMs = ctx.startEpochMs + schedule.totalMs;
  const settled = new Promise<void>((resolve) => {
    if (inFlight === 0) resolve();
    else onIdle = resolve;
  });
  const interrupted = await drain(
    busy,
    settled,
    signal.aborted ? 0 : endEpochMs + ctx.scenario.gracefulStopMs,
    signal,
  );
  ctx.host.counters.iterationsInterrupted += interrupted;
  for (const vu of owned) ctx.pool.release(vu);
  return { interrupted };
}
