// ramping-vus: the VU count follows the stages linearly (one VU added/removed at evenly spaced
// instants, as k6's execution steps do). Removed VUs finish their iteration within
// gracefulRampDown, then are interrupted; at the end gracefulStop applies. Runs in: VU thread.
import type { Stage } from '../options/scenario-types.ts';
import type { Vu } from '../vu.ts';
import {
  drain,
  type ExecutorContext,
  type ExecutorResult,
  runOne,
  share,
  waitUntil,
  yieldIfBusy,
} from './executor-context.ts';

/** Instants (ms from scenario start) where the global VU count changes, and the new count. */
export function rampingVuSteps(startVUs: number, stages: readonly Stage[]): { atMs: number; vus: number }[] {
  const steps = [{ atMs: 0, vus: startVUs }];
  let from = startVUs;
  let t = 0;
  for (const stage of stages) {
    const diff = stage.target - from;
    const n = Math.abs(diff);
    if (n > 0 && stage.durationMs === 0) steps.push({ atMs: t, vus: stage.target });
    else
      for (let i = 1; i <= n; i++)
        steps.push({ atMs: t + (stage.durationMs * i) / n, vus: from + Math.sign(diff) * i });
    t += stage.durationMs;
    from = stage.target;
  }
  return steps;
}

interface Handle {
  vu: Vu;
  stop: boolean;
  loop: Promise<void>;
}

export async function runRampingVus(ctx: ExecutorContext): Promise<ExecutorResult> {
  const s = ctx.scenario;
  if (s.executor !== 'ramping-vus') throw new Error('ramping-vus executor got another scenario');
  const signal = ctx.stopSignal;
  const busy = new Set<Vu>();
  const active: Handle[] = [];
  const leaving = new Set<Promise<void>>();
  let interrupted = 0;

  const start = () => {
    const vu = ctx.pool.acquire();
    vu.activate(ctx.state);
    const handle: Handle = { vu, stop: false, loop: Promise.resolve() };
    handle.loop = (async () => {
      while (!handle.stop && !signal.aborted) {
        busy.add(vu);
        const outcome = await runOne(ctx, vu);
        busy.delete(vu);
        if (outcome === 'interrupted') return;
        await yieldIfBusy();
      }
    })();
    active.push(handle);
  };
  const rampDown = (handle: Handle) => {
    handle.stop = true;
    const timer = setTimeout(() => {
      if (busy.has(handle.vu)) {
        handle.vu.interrupt();
        interrupted++;
      }
    }, s.gracefulRampDownMs);
    const done = handle.loop.then(() => {
      clearTimeout(timer);
      busy.delete(handle.vu);
      ctx.pool.release(handle.vu);
      leaving.delete(done);
    });
    leaving.add(done);
  };

  for (const step of rampingVuSteps(s.startVUs, s.stages)) {
    await waitUntil(ctx.startEpochMs + step.atMs, signal);
    if (signal.aborted) break;
    const target = share(step.vus, ctx.segment.index, ctx.segment.count);
    while (active.length < target) start();
    while (active.length > target) rampDown(active.pop() as Handle);
  }
  const endEpochMs = ctx.startEpochMs + s.stages.reduce((sum, st) => sum + st.durationMs, 0);
  await waitUntil(endEpochMs, signal);
  for (const handle of active) handle.stop = true;
  const all = Promise.all([...active.map((h) => h.loop), ...leaving]);
  interrupted += await drain(busy, all, signal.aborted ? 0 : endEpochMs + s.gracefulStopMs, signal);
  await all;
  for (const handle of active) ctx.pool.release(handle.vu);
  ctx.host.counters.iterationsInterrupted += interrupted;
  return { interrupted };
}
