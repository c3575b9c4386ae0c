// The VU timeline as pure functions of time: the target count a tick reads (k6's steps), the moves a
// tick makes to reach it, and the tick grid. A late tick must land on the plan for *its* time, never
// on a step it would have reached one timer turn at a time.
import { describe, expect, it } from 'vitest';
import {
  nextTickEpochMs,
  planTick,
  plannedVus,
  VU_TICK_MS,
  vusAt,
} from '../../../src/runner/executors/vu-schedule.ts';
import type { Scenario } from '../../../src/runner/options/scenario-types.ts';

const up4down = [
  { durationMs: 1000, target: 4 },
  { durationMs: 1000, target: 0 },
];

describe('vusAt', () => {
  it('adds one VU at evenly spaced instants and removes them the same way (k6 steps)', () => {
    const at = (t: number) => vusAt(0, up4down, t);
    expect([0, 249, 250, 499, 500, 750, 999, 1000].map(at)).toEqual([0, 0, 1, 1, 2, 3, 3, 4]);
    expect([1249, 1250, 1500, 1750, 1999, 2000, 5000].map(at)).toEqual([4, 3, 2, 1, 1, 0, 0]);
  });

  it('a zero-duration stage jumps at its start; before any stage the start VUs hold', () => {
    expect(vusAt(1, [{ durationMs: 0, target: 5 }], 0)).toBe(5);
    expect(vusAt(3, [{ durationMs: 1000, target: 3 }], 400)).toBe(3);
    expect(vusAt(2, [], 10)).toBe(2);
    const jumpLater = [
      { durationMs: 500, target: 0 },
      { durationMs: 0, target: 100 },
      { durationMs: 500, target: 100 },
    ];
    expect([0, 499, 500, 999].map((t) => vusAt(0, jumpLater, t))).toEqual([0, 0, 100, 100]);
  });

  it('a steep ramp lands on the count for the time asked, whatever came before (5,000 VUs in 600 ms)', () => {
    const spike = [
      { durationMs: 10_000, target: 500 },
      { durationMs: 600, target: 5000 },
      { durationMs: 5000, target: 5000 },
    ];
    expect(vusAt(500, spike, 10_000)).toBe(500);
    expect(vusAt(500, spike, 10_300)).toBe(2750);
    expect(vusAt(500, spike, 10_600)).toBe(5000);
    // One 50 ms tick adds 375 VUs: the whole difference in one go.
    expect(vusAt(500, spike, 10_050) - vusAt(500, spike, 10_000)).toBe(375);
  });

  it('lands on step instants exactly despite float error (3 VUs over 300 ms)', () => {
    expect([99.99999, 100, 200, 300].map((t) => vusAt(0, [{ durationMs: 300, target: 3 }], t))).toEqual([
      0, 1, 2, 3,
    ]);
  });
});

describe('plannedVus', () => {
  const base = { name: 's', startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {} };
  it('follows ramping-vus stages and constant-vus within their run, 0 outside', () => {
    const ramping: Scenario = {
      ...base,
      executor: 'ramping-vus',
      startVUs: 0,
      stages: up4down,
      gracefulRampDownMs: 0,
    };
    expect([-1, 500, 1000, 2000].map((t) => plannedVus(ramping, t))).toEqual([0, 2, 4, 0]);
    const constant: Scenario = { ...base, executor: 'constant-vus', vus: 7, durationMs: 1000 };
    expect([-1, 0, 999, 1000].map((t) => plannedVus(constant, t))).toEqual([0, 7, 7, 0]);
  });

  it('has no VU timeline for iteration and arrival-rate executors', () => {
    const shared: Scenario = {
      ...base,
      executor: 'shared-iterations',
      vus: 2,
      iterations: 9,
      maxDurationMs: 1000,
    };
    expect(plannedVus(shared, 10)).toBeUndefined();
  });
});

describe('planTick', () => {
  it('starts the whole difference at once on a ramp-up', () => {
    expect(planTick({ running: 100, pending: 0, leaving: 0 }, 475)).toEqual({
      revive: 0,
      start: 375,
      cancel: 0,
      stop: 0,
    });
  });

  it('counts queued starts as on their way and takes back leaving VUs before starting new ones', () => {
    expect(planTick({ running: 10, pending: 5, leaving: 3 }, 20)).toEqual({
      revive: 3,
      start: 2,
      cancel: 0,
      stop: 0,
    });
    expect(planTick({ running: 10, pending: 5, leaving: 30 }, 20)).toMatchObject({ revive: 5, start: 0 });
  });

  it('on a ramp-down drops queued starts first, then ramps down running VUs', () => {
    expect(planTick({ running: 10, pending: 5, leaving: 0 }, 12)).toEqual({
      revive: 0,
      start: 0,
      cancel: 3,
      stop: 0,
    });
    expect(planTick({ running: 10, pending: 5, leaving: 0 }, 4)).toEqual({
      revive: 0,
      start: 0,
      cancel: 5,
      stop: 6,
    });
  });

  it('does nothing on target', () => {
    expect(planTick({ running: 8, pending: 2, leaving: 4 }, 10)).toEqual({
      revive: 0,
      start: 0,
      cancel: 0,
      stop: 0,
    });
  });
});

describe('nextTickEpochMs', () => {
  it('stays on the scenario grid, skips missed ticks and never passes the end', () => {
    expect(nextTickEpochMs(1000, 5000, 1000)).toBe(1000 + VU_TICK_MS);
    expect(nextTickEpochMs(1000, 5000, 1000 + VU_TICK_MS + 1)).toBe(1000 + 2 * VU_TICK_MS);
    // A tick 1.234 s late resumes on the grid right after now, not 24 ticks behind.
    expect(nextTickEpochMs(1000, 5000, 2234)).toBe(2250);
    expect(nextTickEpochMs(1000, 5000, 4990)).toBe(5000);
  });
});
