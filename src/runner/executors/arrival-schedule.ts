// Intended start times of arrival-rate iterations (open model). The rate is piecewise linear in time
// (constant-arrival-rate: one flat segment); iteration i starts when the cumulative number of
// arrivals ∫rate reaches i, so i = 0 starts at t = 0 and a constant rate spaces starts timeUnit/rate
// apart. Each segment's quadratic is inverted in closed form. Runs in: Node (any runner thread).
import type { Stage } from '../options/scenario-types.ts';

interface Segment {
  /** Segment start, ms from scenario start. */
  startMs: number;
  durationMs: number;
  /** Rate at the segment start and its slope, in iterations per ms and per ms². */
  rate: number;
  slope: number;
  /** Arrivals accumulated before this segment. */
  before: number;
}

export class ArrivalSchedule {
  readonly totalMs: number;
  /** ∫rate over the whole schedule: the (fractional) number of arrivals. */
  readonly totalArrivals: number;
  readonly #segments: Segment[] = [];
  #cursor = 0;

  /** `startRate` and stage targets in iterations per `timeUnitMs`. */
  constructor(startRate: number, stages: readonly Stage[], timeUnitMs: number) {
    let t = 0;
    let before = 0;
    let from = startRate / timeUnitMs;
    for (const stage of stages) {
      const to = stage.target / timeUnitMs;
      const slope = stage.durationMs > 0 ? (to - from) / stage.durationMs : 0;
      this.#segments.push({ startMs: t, durationMs: stage.durationMs, rate: from, slope, before });
      before += ((from + to) / 2) * stage.durationMs;
      t += stage.durationMs;
      from = to;
    }
    this.totalMs = t;
    this.totalArrivals = before;
  }

  static constant(rate: number, timeUnitMs: number, durationMs: number): ArrivalSchedule {
    return new ArrivalSchedule(rate, [{ durationMs, target: rate }], timeUnitMs);
  }

  /**
   * Intended start of iteration `i` in ms from the scenario start, or undefined when it falls at or
   * after the end. Fastest for increasing `i` (a cursor remembers the segment).
   */
  startOf(i: number): number | undefined {
    // The arrival that would land exactly on the end (up to float error) is not part of the schedule.
    if (i >= this.totalArrivals - 1e-9 * Math.max(1, this.totalArrivals)) return undefined;
    if (i < this.#segmentBefore(this.#cursor)) this.#cursor = 0;
    for (; this.#cursor < this.#segments.length; this.#cursor++) {
      const seg = this.#segments[this.#cursor] as Segment;
      const need = i - seg.before;
      if (need < 0) continue;
      const offset = offsetFor(seg, need);
      // 1e-6 ms slack: an arrival that lands exactly on a segment end (up to float error) belongs to the next one.
      if (offset !== undefined && offset < seg.durationMs - 1e-6) return seg.startMs + offset;
    }
    this.#cursor = Math.max(0, this.#segments.length - 1);
    return undefined;
  }

  #segmentBefore(index: number): number {
    return this.#segments[index]?.before ?? 0;
  }
}

/** Solve rate·τ + slope·τ²/2 = need for the smallest τ ≥ 0 (undefined when never reached). */
function offsetFor(seg: Segment, need: number): number | undefined {
  if (need === 0) return 0;
  const { rate, slope } = seg;
  if (slope === 0) return rate > 0 ? need / rate : undefined;
  const disc = rate * rate + 2 * slope * need;
  if (disc < 0) return undefined;
  // 2m / (a + √(a² + 2bm)): the stable form of (−a + √(a² + 2bm)) / b.
  const denominator = rate + Math.sqrt(disc);
  return denominator > 0 ? (2 * need) / denominator : undefined;
}
