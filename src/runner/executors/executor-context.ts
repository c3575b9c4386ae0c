// What an executor gets from the run (one runner thread's share of one scenario) and the helpers all
// executors share: worker striping, epoch clock, running one iteration, gracefulStop handling.
// Runs in: VU thread.
import { performance } from 'node:perf_hooks';
import type { Scenario } from '../options/scenario-types.ts';
import { START_LAG_METRIC } from '../run-warnings.ts';
import type { Tags } from '../metrics/types.ts';
import type { IterationOutcome, ScenarioState, Vu } from '../vu.ts';
import type { VuHost } from '../vu-host.ts';
import type { VuPool } from '../vu-pool.ts';

export interface ExecutorContext {
  /** The whole scenario (not divided); executors take their share via `segment`. */
  readonly scenario: Scenario;
  /** This thread's stripe: items k with k % count === index belong to it. */
  readonly segment: { readonly index: number; readonly count: number };
  readonly pool: VuPool;
  readonly host: VuHost;
  readonly state: ScenarioState;
  /** Epoch ms when the scenario starts (test start + startTime). */
  readonly startEpochMs: number;
  /** Aborted on a hard stop (test.abort, SIGINT, abortOnFail): interrupt everything now. */
  readonly stopSignal: AbortSignal;
  /** setup() data as JSON ('' when none): each VU parses its own deep copy, like k6. */
  readonly setupJson: string;
}

export interface ExecutorResult {
  interrupted: number;
}

export type Executor = (ctx: ExecutorContext) => Promise<ExecutorResult>;

/** Precise wall clock (ms since epoch) comparable across worker threads. */
export const nowEpochMs = (): number => performance.timeOrigin + performance.now();

/** How many of `total` items (striped k % count === index) belong to stripe `index`. */
export function share(total: number, index: number, count: number): number {
  return total > index ? Math.floor((total - index - 1) / count) + 1 : 0;
}

/** Resolve at `epochMs` or on the stop signal, whichever is first. */
export function waitUntil(epochMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, epochMs - nowEpochMs()));
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Wait for `work` or until `epochMs` (or the stop signal); the timer never outlives the wait. */
export async function raceUntil(work: Promise<unknown>, epochMs: number, signal: AbortSignal): Promise<void> {
  const local = new AbortController();
  const onStop = () => local.abort();
  signal.addEventListener('abort', onStop, { once: true });
  try {
    await Promise.race([work, waitUntil(epochMs, local.signal)]);
  } finally {
    signal.removeEventListener('abort', onStop);
    local.abort();
  }
}

const setupCopies = new WeakMap<Vu, unknown>();

/** Run the scenario's exec function once on `vu`. */
export function runOne(ctx: ExecutorContext, vu: Vu): Promise<IterationOutcome> {
  const fn = vu.exports[ctx.scenario.exec] as (data: unknown) => unknown;
  let data = setupCopies.get(vu);
  if (data === undefined && ctx.setupJson) {
    data = JSON.parse(ctx.setupJson);
    setupCopies.set(vu, data);
  }
  return vu.runIteration(fn, data);
}

let lastYieldMs = 0;
const afterYield = () => {
  lastYieldMs = performance.now();
};
/**
 * Loops of synchronous iterations would starve timers and I/O: a macrotask to await every ~10 ms,
 * undefined otherwise (`const y = yieldIfBusy(); if (y) await y;` costs no promise per iteration).
 */
export function yieldIfBusy(): Promise<void> | undefined {
  if (performance.now() - lastYieldMs < 10) return undefined;
  return new Promise<void>((resolve) => setImmediate(resolve)).then(afterYield);
}

/**
 * gracefulStop: wait for `running` iterations until `deadlineEpochMs` (or a hard stop), then
 * interrupt the VUs still busy. Returns how many were interrupted.
 */
export async function drain(
  busy: Set<Vu>,
  settled: Promise<unknown>,
  deadlineEpochMs: number,
  signal: AbortSignal,
): Promise<number> {
  if (busy.size === 0) return 0;
  await raceUntil(settled, deadlineEpochMs, signal);
  let interrupted = 0;
  for (const vu of busy) {
    vu.interrupt();
    interrupted++;
  }
  return interrupted;
}

/**
 * A scheduled start (arrival-rate iteration, VU start) began `lagMs` after it was due: into
 * `local_iteration_start_lag` (the verdict marks lagging windows inconclusive) and the live lag watch.
 */
export function recordStartLag(ctx: ExecutorContext, lagMs: number, tags: Tags): void {
  const lag = Math.max(0, lagMs);
  ctx.host.registry.add(START_LAG_METRIC, lag, tags);
  ctx.host.health.noteStart(lag);
}

/** Tags of samples that belong to the scenario but to no VU (dropped_iterations, start lag). */
export function scenarioTags(ctx: ExecutorContext): Tags {
  return { ...ctx.host.globalTags, ...ctx.scenario.tags, scenario: ctx.scenario.name };
}
