// VU starts of the closed-model executors, taken off the tick: starts are queued with the instant
// each is due and launched by one timer as they fall due; overdue ones go at once (catch-up: the
// timeline never shifts), but at most MAX_STARTS_PER_TURN / START_SLICE_MS per event-loop turn. A VU's
// first iteration runs synchronously up to its first await, so an unbounded catch-up would hold the
// loop; worse, VUs launched together stay in step (same pause, same next request), every request of
// such a cohort needs its own connection, and a few hundred-VU bursts measured ~10× the connections,
// GC and CPU of VUs started apart. Between turns responses free connections for the next starts.
// Each start records how late it began. Runs in: VU thread.
import { performance } from 'node:perf_hooks';
import type { Tags } from '../metrics/types.ts';
import { type ExecutorContext, nowEpochMs, recordStartLag, scenarioTags } from './executor-context.ts';

/** Longest run of starts before yielding to I/O and timers, ms. */
export const START_SLICE_MS = 10;
/** Most starts per event-loop turn (a healthy turn is ~1 ms: thousands of starts per second). */
export const MAX_STARTS_PER_TURN = 16;

interface Batch {
  dueEpochMs: number;
  count: number;
}

export class VuStarter {
  readonly #ctx: ExecutorContext;
  readonly #launch: () => void;
  readonly #tags: Tags;
  /** FIFO from #head on, in due order (shifting a large array on every start would be quadratic). */
  #batches: Batch[] = [];
  #head = 0;
  #pending = 0;
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;

  /** `launch` acquires, activates and starts one VU; it runs inside a drain slice. */
  constructor(ctx: ExecutorContext, launch: () => void) {
    this.#ctx = ctx;
    this.#launch = launch;
    this.#tags = scenarioTags(ctx);
  }

  /** Starts queued and not yet launched. */
  get pending(): number {
    return this.#pending;
  }

  /** Queue `count` starts due at `dueEpochMs` (not before the last one queued). */
  enqueue(count: number, dueEpochMs: number): void {
    if (count <= 0) return;
    const last = this.#batches[this.#batches.length - 1];
    if (last && this.#batches.length > this.#head && last.dueEpochMs === dueEpochMs) last.count += count;
    else this.#batches.push({ dueEpochMs, count });
    const wasIdle = this.#pending === 0;
    this.#pending += count;
    if (wasIdle) this.#arm();
  }

  /** Drop up to `count` of the latest queued starts (a ramp-down overtook them); returns how many. */
  cancel(count: number): number {
    let dropped = 0;
    while (dropped < count && this.#batches.length > this.#head) {
      const last = this.#batches[this.#batches.length - 1] as Batch;
      const n = Math.min(last.count, count - dropped);
      last.count -= n;
      dropped += n;
      if (last.count === 0) this.#batches.pop();
    }
    this.#pending -= dropped;
    if (this.#pending === 0) this.#disarm();
    return dropped;
  }

  /** Drop every queued start (scenario end or hard stop); returns how many never started. */
  clear(): number {
    return this.cancel(this.#pending);
  }

  #arm(): void {
    this.#disarm();
    const next = this.#batches[this.#head];
    if (!next) return;
    const delayMs = next.dueEpochMs - nowEpochMs();
    if (delayMs < 1) this.#immediate = setImmediate(this.#drain);
    else this.#timer = setTimeout(this.#drain, Math.floor(delayMs));
  }

  #disarm(): void {
    clearTimeout(this.#timer);
    clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
  }

  readonly #drain = (): void => {
    this.#timer = undefined;
    this.#immediate = undefined;
    // A hard stop: launch nothing more; the executor clears what is left and accounts for it.
    if (this.#ctx.stopSignal.aborted) return;
    const sliceEnd = performance.now() + START_SLICE_MS;
    for (let started = 0; this.#pending > 0 && started < MAX_STARTS_PER_TURN; started++) {
      const batch = this.#batches[this.#head] as Batch;
      const now = nowEpochMs();
      if (batch.dueEpochMs > now) break;
      recordStartLag(this.#ctx, now - batch.dueEpochMs, this.#tags);
      this.#pending--;
      if (--batch.count === 0) this.#head++;
      this.#launch();
      if (performance.now() >= sliceEnd) break;
    }
    if (this.#head > 64 && this.#head * 2 > this.#batches.length) {
      this.#batches = this.#batches.slice(this.#head);
      this.#head = 0;
    }
    this.#arm();
  };
}
