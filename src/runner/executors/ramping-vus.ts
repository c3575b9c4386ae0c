// ramping-vus: the VU count follows the stages (k6's steps, see vusAt). Every VU_TICK_MS the
// executor reads the plan and applies the whole difference in one go — every start due before the
// next tick queued at its own instant (VuStarter launches it then, or at once if overdue), ramp-downs
// due by now in one batch — so a busy event loop delays a tick but never shifts the timeline (one
// timer turn per VU step did, by minutes at 5,000 VUs). Ramped-down VUs finish
// their iteration within gracefulRampDown, then are interrupted; a ramp-up first takes back VUs still
// finishing. At the end gracefulStop applies; at end + gracefulStop the rest is interrupted.
// Runs in: VU thread.
import type { Vu } from '../vu.ts';
import {
  drain,
  type ExecutorContext,
  type ExecutorResult,
  nowEpochMs,
  runOne,
  share,
  waitUntil,
  yieldIfBusy,
} from './executor-context.ts';
import { VuStarter } from './vu-starter.ts';
import { dueAtMs, nextTickEpochMs, planTick, VU_TICK_MS, vusAt } from './vu-schedule.ts';

interface Handle {
  vu: Vu;
  stop: boolean;
  /** Which ramp-down batch it left with: a revived-then-removed-again VU must not be cut by an older timer. */
  leftIn: number;
}

export async function runRampingVus(ctx: ExecutorContext): Promise<ExecutorResult> {
  const s = ctx.scenario;
  if (s.executor !== 'ramping-vus') throw new Error('ramping-vus executor got another scenario');
  const signal = ctx.stopSignal;
  const health = ctx.host.health;
  const { index, count } = ctx.segment;
  const endEpochMs = ctx.startEpochMs + s.stages.reduce((sum, st) => sum + st.durationMs, 0);
  const busy = new Set<Vu>();
  const running: Handle[] = [];
  /** Ramped down, still finishing an iteration. */
  const leaving = new Set<Handle>();
  const loops = new Set<Promise<void>>();
  const rampDownTimers = new Set<NodeJS.Timeout>();
  let batches = 0;
  let interrupted = 0;

  const loop = async (handle: Handle) => {
    while (!handle.stop && !signal.aborted) {
      busy.add(handle.vu);
      const outcome = await runOne(ctx, handle.vu);
      busy.delete(handle.vu);
      if (outcome === 'interrupted') return;
      const pause = yieldIfBusy();
      if (pause) await pause;
    }
  };
  const starter = new VuStarter(ctx, () => {
    const vu = ctx.pool.acquire();
    vu.activate(ctx.state);
    const handle: Handle = { vu, stop: false, leftIn: -1 };
    running.push(handle);
    health.scheduledVus++;
    const done: Promise<void> = loop(handle).then(() => {
      leaving.delete(handle);
      busy.delete(vu);
      ctx.pool.release(vu);
      loops.delete(done);
    });
    loops.add(done);
  });

  const revive = (n: number) => {
    if (n <= 0) return;
    const back = [...leaving].slice(0, n);
    for (const handle of back) {
      leaving.delete(handle);
      handle.stop = false;
      running.push(handle);
    }
    health.scheduledVus += back.length;
  };
  const rampDown = (n: number) => {
    if (n <= 0) return;
    const batch = batches++;
    const gone = running.splice(running.length - n, n);
    for (const handle of gone) {
      handle.stop = true;
      handle.leftIn = batch;
      leaving.add(handle);
    }
    health.scheduledVus -= n;
    // One timer per tick's batch, not per VU: a ramp-down of thousands stays cheap.
    const timer = setTimeout(() => {
      rampDownTimers.delete(timer);
      for (const handle of gone)
        if (handle.stop && handle.leftIn === batch && busy.has(handle.vu)) {
          handle.vu.interrupt();
          interrupted++;
        }
    }, s.gracefulRampDownMs);
    rampDownTimers.add(timer);
  };
  const totalMs = endEpochMs - ctx.startEpochMs;
  const tick = () => {
    const elapsedMs = nowEpochMs() - ctx.startEpochMs;
    const horizonMs = Math.min(totalMs, elapsedMs + VU_TICK_MS);
    // Up to the count due before the next tick (queued at their own instants), down to the count due now.
    const target = Math.max(
      share(vusAt(s.startVUs, s.stages, elapsedMs), index, count),
      share(vusAt(s.startVUs, s.stages, horizonMs), index, count),
    );
    const moves = planTick(
      { running: running.length, pending: starter.pending, leaving: leaving.size },
      target,
    );
    revive(moves.revive);
    for (let i = 0; i < moves.start; i++) {
      // This thread's next slot m is global VU m·count + index + 1 (the striping of share()).
      const v = (running.length + starter.pending) * count + index + 1;
      starter.enqueue(1, ctx.startEpochMs + (dueAtMs(s.startVUs, s.stages, v, horizonMs) ?? horizonMs));
    }
    starter.cancel(moves.cancel);
    rampDown(moves.stop);
  };

  while (!signal.aborted && nowEpochMs() < endEpochMs) {
    tick();
    await waitUntil(nextTickEpochMs(ctx.startEpochMs, endEpochMs, nowEpochMs()), signal);
  }

  starter.clear();
  for (const handle of running) handle.stop = true;
  health.scheduledVus -= running.length;
  const all = Promise.all([...loops]);
  interrupted += await drain(busy, all, signal.aborted ? 0 : endEpochMs + s.gracefulStopMs, signal);
  await all;
  for (const timer of rampDownTimers) clearTimeout(timer);
  ctx.host.counters.iterationsInterrupted += interrupted;
  return { interrupted };
}
