import { describe, expect, it } from 'vitest';
import { ArrivalSchedule } from '../../../src/runner/executors/arrival-schedule.ts';
import { share } from '../../../src/runner/executors/executor-context.ts';

const startsOf = (schedule: ArrivalSchedule) => {
  const starts: number[] = [];
  for (let i = 0; ; i++) {
    const t = schedule.startOf(i);
    if (t === undefined) return starts;
    starts.push(t);
  }
};

describe('ArrivalSchedule', () => {
  it('constant rate: start + i·timeUnit/rate, evenly spaced, none at the end instant', () => {
    const starts = startsOf(ArrivalSchedule.constant(10, 1000, 1000));
    expect(starts).toHaveLength(10);
    for (const [i, t] of starts.entries()) expect(t).toBeCloseTo(i * 100, 9);
  });

  it('constant rate per minute', () => {
    const starts = startsOf(ArrivalSchedule.constant(30, 60_000, 10_000));
    expect(starts).toHaveLength(5);
    expect(starts[1]).toBeCloseTo(2000, 9);
  });

  it('ramp 0 → 10/s over 10 s inverts ∫rate = t²/2 (t in s)', () => {
    const schedule = new ArrivalSchedule(0, [{ durationMs: 10_000, target: 10 }], 1000);
    expect(schedule.totalArrivals).toBeCloseTo(50, 9);
    const starts = startsOf(schedule);
    expect(starts).toHaveLength(50);
    for (const i of [1, 2, 5, 20, 49]) expect(starts[i]).toBeCloseTo(Math.sqrt(2 * i) * 1000, 6);
  });

  it('ramp down 10 → 0/s over 10 s: arrivals thin out, total 50', () => {
    const starts = startsOf(new ArrivalSchedule(10, [{ durationMs: 10_000, target: 0 }], 1000));
    expect(starts).toHaveLength(50);
    // N(t) = 10t − t²/2 (t in s) → t = 10 − √(100 − 2i)
    for (const i of [1, 10, 30, 49]) expect(starts[i]).toBeCloseTo((10 - Math.sqrt(100 - 2 * i)) * 1000, 6);
  });

  it('multi-stage: ramp, hold, and a zero-rate gap are all honoured', () => {
    const schedule = new ArrivalSchedule(
      0,
      [
        { durationMs: 2000, target: 4 },
        { durationMs: 1000, target: 4 },
        { durationMs: 1000, target: 0 },
        { durationMs: 1000, target: 0 },
      ],
      1000,
    );
    const starts = startsOf(schedule);
    // ∫ = 4 (ramp) + 4 (hold) + 2 (ramp down) + 0 = 10 arrivals
    expect(starts).toHaveLength(10);
    expect(starts[4]).toBeCloseTo(2000, 6);
    expect(starts[5]).toBeCloseTo(2250, 6);
    expect(starts.every((t) => t < 4000)).toBe(true);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('random access after sequential access gives the same times', () => {
    const schedule = new ArrivalSchedule(5, [{ durationMs: 3000, target: 20 }], 1000);
    const sequential = startsOf(schedule);
    expect(schedule.startOf(3)).toBe(sequential[3]);
  });
});

describe('share (worker striping)', () => {
  it.each([
    [10, 2, [5, 5]],
    [11, 2, [6, 5]],
    [1, 2, [1, 0]],
    [7, 3, [3, 2, 2]],
  ])('%s over %s workers', (total, count, expected) => {
    expect(expected.map((_, i) => share(total, i, count))).toEqual(expected);
  });
});
