// The closed-model loop shared by constant-vus, shared-iterations and per-vu-iterations: all VUs are
// due at the scenario start and are started through the VuStarter (in slices, so 10,000 first
// iterations do not hold the event loop); each VU starts its next iteration only after the previous
// one ended, until `mayStart` says no or the end time passes; then gracefulStop applies, and at
// end + gracefulStop whatever still runs is interrupted. Runs in: VU thread.
import type { Vu } from '../vu.ts';
import {
  drain,
  type ExecutorContext,
  type ExecutorResult,
  nowEpochMs,
  raceUntil,
  runOne,
  yieldIfBusy,
} from './executor-context.ts';
import { VuStarter } from './vu-starter.ts';

/**
 * `mayStart(k)`: may VU number k (0-based in this thread) start another iteration? (claims it)
 * `scheduled`: the VUs follow a VU timeline (constant-vus) the live lag watch compares against.
 */
export async function runClosedLoop(
  ctx: ExecutorContext,
  vuCount: number,
  endEpochMs: number,
  mayStart: (k: number) => boolean,
  scheduled = false,
): Promise<ExecutorResult> {
  const signal = ctx.stopSignal;
  const health = ctx.host.health;
  const busy = new Set<Vu>();
  const vus: Vu[] = [];
  // Settles once every VU's loop ended or its start was dropped (the loops do not all exist up front).
  let remaining = vuCount;
  let allEnded!: () => void;
  const all = new Promise<void>((resolve) => {
    allEnded = resolve;
  });
  const ended = (n: number) => {
    remaining -= n;
    if (remaining === 0) allEnded();
  };
  if (vuCount === 0) allEnded();

  const loop = async (vu: Vu, k: number) => {
    while (!signal.aborted && nowEpochMs() < endEpochMs && mayStart(k)) {
      busy.add(vu);
      const outcome = await runOne(ctx, vu);
      busy.delete(vu);
      if (outcome === 'interrupted') return;
      const pause = yieldIfBusy();
      if (pause) await pause;
    }
  };
  const starter = new VuStarter(ctx, () => {
    const k = vus.length;
    const vu = ctx.pool.acquire();
    vu.activate(ctx.state);
    vus.push(vu);
    if (scheduled) health.scheduledVus++;
    void loop(vu, k).then(() => {
      if (scheduled) health.scheduledVus--;
      ended(1);
    });
  });
  starter.enqueue(vuCount, ctx.startEpochMs);

  await raceUntil(all, endEpochMs, signal);
  // Starts still queued at the end never happen (closed model: nothing left to catch up on).
  if (starter.pending > 0) ended(starter.clear());
  const deadline = signal.aborted ? 0 : endEpochMs + ctx.scenario.gracefulStopMs;
  const interrupted = await drain(busy, all, deadline, signal);
  await all;
  ctx.host.counters.iterationsInterrupted += interrupted;
  for (const vu of vus) ctx.pool.release(vu);
  return { interrupted };
}
