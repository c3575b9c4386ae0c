// Request timeouts without a timer per request. Requests with the same timeout expire in the order
// they started, so each timeout value keeps its in-flight requests in one FIFO (intrusive doubly
// linked list: O(1) add and remove, nothing allocated per request) watched by ONE timer armed for
// the oldest deadline. A request that ends only unlinks itself; the timer, when it fires, expires
// every request past its deadline and re-arms for the next one. A list that empties unrefs its
// timer (nothing keeps the process alive once no request is in flight) and refs it again when a
// request comes (no timer created or cleared per request, even for one VU). Runs in: VU thread and
// the sync HTTP helper worker.
import { performance } from 'node:perf_hooks';

/** What a list holds: a request that can be expired, with the links the list maintains. */
export interface DeadlineEntry {
  deadlineMs: number;
  prevDeadline: DeadlineEntry | null;
  nextDeadline: DeadlineEntry | null;
  /** The list the entry is linked in (null once removed or expired). */
  deadlines: DeadlineList | null;
  /** Called once when the deadline passed while the entry was still linked. */
  expire(): void;
}

export class DeadlineList {
  readonly timeoutMs: number;
  #head: DeadlineEntry | null = null;
  #tail: DeadlineEntry | null = null;
  #timer: NodeJS.Timeout | undefined;
  #timerRefed = false;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
  }

  get empty(): boolean {
    return this.#head === null;
  }

  /** Link `entry`, due `timeoutMs` after `startMs` (performance.now() clock). */
  add(entry: DeadlineEntry, startMs: number): void {
    entry.deadlineMs = startMs + this.timeoutMs;
    entry.deadlines = this;
    entry.nextDeadline = null;
    entry.prevDeadline = this.#tail;
    if (this.#tail) this.#tail.nextDeadline = entry;
    else this.#head = entry;
    this.#tail = entry;
    if (this.#timer === undefined) this.#arm(entry.deadlineMs);
    else if (!this.#timerRefed) {
      this.#timer.ref();
      this.#timerRefed = true;
    }
  }

  remove(entry: DeadlineEntry): void {
    if (entry.deadlines !== this) return;
    const { prevDeadline: prev, nextDeadline: next } = entry;
    if (prev) prev.nextDeadline = next;
    else this.#head = next;
    if (next) next.prevDeadline = prev;
    else this.#tail = prev;
    entry.prevDeadline = null;
    entry.nextDeadline = null;
    entry.deadlines = null;
    if (this.#head === null && this.#timer !== undefined) {
      this.#timer.unref();
      this.#timerRefed = false;
    }
  }

  #arm(deadlineMs: number): void {
    this.#timer = setTimeout(this.#fire, Math.max(1, Math.ceil(deadlineMs - performance.now())));
    this.#timerRefed = true;
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    const now = performance.now();
    let entry = this.#head;
    // Ended requests unlinked themselves: the head is always the oldest one still in flight.
    while (entry !== null && entry.deadlineMs <= now) {
      this.remove(entry);
      entry.expire();
      entry = this.#head;
    }
    if (entry !== null && this.#timer === undefined) this.#arm(entry.deadlineMs);
  };
}

const lists = new Map<number, DeadlineList>();
/** Distinct timeouts kept before empty lists are dropped (scripts use a handful). */
const MAX_LISTS = 256;

/** Watch `entry` until it is removed (`entry.deadlines?.remove(entry)`); expire() after `timeoutMs`. */
export function watchDeadline(entry: DeadlineEntry, timeoutMs: number, startMs: number): void {
  let list = lists.get(timeoutMs);
  if (list === undefined) {
    if (lists.size >= MAX_LISTS) for (const [ms, l] of lists) if (l.empty) lists.delete(ms);
    list = new DeadlineList(timeoutMs);
    lists.set(timeoutMs, list);
  }
  list.add(entry, startMs);
}
