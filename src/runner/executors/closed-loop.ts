// The closed-model loop shared by constant-vus, shared-iterations and per-vu-iterations: each VU
// starts its next iteration only after the previous one ended, until `mayStart` says no or the end
// time passes; then gracefulStop applies. Runs in: VU thread.
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

/** `mayStart(k)`: may VU number k (0-based in this thread) start another iteration? (claims it) */
export async function runClosedLoop(
  ctx: ExecutorContext,
  vuCount: number,
  endEpochMs: number,
  mayStart: (k: number) => boolean,
): Promise<ExecutorResult> {
  const signal = ctx.stopSignal;
  const busy = new Set<Vu>();
  const vus: Vu[] = [];
  for (let k = 0; k < vuCount; k++) {
    const vu = ctx.pool.acquire();
    vu.activate(ctx.state);
    vus.push(vu);
  }
  const loops = vus.map(async (vu, k) => {
    while (!signal.aborted && nowEpochMs() < endEpochMs && mayStart(k)) {
      busy.add(vu);
      const outcome = await runOne(ctx, vu);
      busy.delete(vu);
      if (outcome === 'interrupted') return;
      await yieldIfBusy();
    }
  });
  const all = Promise.all(loops);
  await raceUntil(all, endEpochMs, signal);
  const deadline = signal.aborted ? 0 : endEpochMs + ctx.scenario.gracefulStopMs;
  const interrupted = await drain(busy, all, deadline, signal);
  await all;
  ctx.host.counters.iterationsInterrupted += interrupted;
  for (const vu of vus) ctx.pool.release(vu);
  return { interrupted };
}
