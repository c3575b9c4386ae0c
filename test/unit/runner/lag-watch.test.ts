// The live lag watch: a lag that lasts opens one episode, logged once with its figures while the run
// goes on; recovery closes it; the run's account goes to the summary warnings. Reports are judged
// against the plan for the instant they were taken, so a report in flight is not lag.
import { describe, expect, it } from 'vitest';
import type { ThreadHealth } from '../../../src/runner/generator-health.ts';
import { LagWatch } from '../../../src/runner/lag-watch.ts';
import type { Scenario } from '../../../src/runner/options/scenario-types.ts';

const T0 = 1_000_000;
const ramp: Scenario = {
  name: 'ramp',
  executor: 'ramping-vus',
  startTimeMs: 0,
  gracefulStopMs: 0,
  exec: 'default',
  env: {},
  tags: {},
  startVUs: 0,
  // 0 → 1,000 VUs over 10 s, then 1,000 for 20 s.
  stages: [
    { durationMs: 10_000, target: 1000 },
    { durationMs: 20_000, target: 1000 },
  ],
  gracefulRampDownMs: 0,
};

function setup(threads = 1) {
  const lines: string[] = [];
  const watch = new LagWatch({
    scenarios: [ramp],
    threads,
    testStartEpochMs: T0,
    log: (level, message) => lines.push(`${level}: ${message}`),
  });
  const health = (atS: number, scheduledVus: number, extra: Partial<ThreadHealth> = {}): ThreadHealth => ({
    atEpochMs: T0 + atS * 1000,
    scheduledVus,
    loopDelayMs: 1,
    starts: 0,
    lateStarts: 0,
    maxStartLagMs: 0,
    ...extra,
  });
  return { watch, lines, health };
}

describe('LagWatch', () => {
  it('stays silent while VUs follow the plan, even with a report taken a moment before the check', () => {
    const { watch, lines, health } = setup();
    for (let s = 1; s <= 12; s++) {
      // Taken 300 ms before the check: judged against the plan at 300 ms earlier.
      watch.report(0, health(s - 0.3, Math.min(1000, Math.floor((s - 0.3) * 100))));
      watch.check(T0 + s * 1000);
    }
    expect(lines).toEqual([]);
    expect(watch.finish(T0 + 12_000)).toBeUndefined();
  });

  it('warns once per episode with figures after 2 s behind, says when it caught up, and sums it up', () => {
    const { watch, lines, health } = setup();
    const behind = [1, 2, 3, 4, 5];
    for (let s = 1; s <= 12; s++) {
      const planned = Math.min(1000, s * 100);
      const actual = behind.includes(s) ? Math.floor(planned / 2) : planned;
      watch.report(0, health(s, actual, { loopDelayMs: behind.includes(s) ? 850 : 2 }));
      watch.check(T0 + s * 1000);
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^warn: load generator is behind its schedule: 150 of 300 planned VUs running \(50 %\), event-loop delay p99 850 ms/,
    );
    expect(lines[1]).toMatch(/^info: load generator caught up after 5\.0 s behind its schedule/);
    const summary = watch.finish(T0 + 12_000);
    expect(summary).toMatch(/fell behind its schedule once, 5\.0 s in all \(worst: 150 of 300 planned VUs/);
  });

  it('within an episode, says again only when the VU shortfall reaches a worse quarter', () => {
    const { watch, lines, health } = setup();
    for (let s = 1; s <= 9; s++) {
      const planned = s * 100;
      // A slow event loop with VUs on plan opens the episode; from 5 s only 28 % of the VUs run.
      const actual = s >= 5 ? Math.floor(planned * 0.28) : planned;
      watch.report(0, health(s, actual, { loopDelayMs: 60 }));
      watch.check(T0 + s * 1000);
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^warn: load generator is behind its schedule: 300 of 300 planned VUs running \(100 %\), event-loop delay p99 60 ms/,
    );
    expect(lines[1]).toMatch(
      /^warn: load generator is further behind its schedule: 140 of 500 planned VUs running \(28 %\)/,
    );
  });

  it('a lag shorter than 2 s is not an episode', () => {
    const { watch, lines, health } = setup();
    for (let s = 1; s <= 6; s++) {
      watch.report(0, health(s, s === 3 || s === 4 ? 0 : s * 100));
      watch.check(T0 + s * 1000);
    }
    expect(lines).toEqual([]);
  });

  it('late starts and event-loop delay count as lag with no VU timeline behind', () => {
    const { watch, lines, health } = setup();
    for (let s = 1; s <= 4; s++) {
      watch.report(0, health(s, s * 100, { starts: 100, lateStarts: 40, maxStartLagMs: 120 }));
      watch.check(T0 + s * 1000);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('40 % of starts > 5 ms late (max 120 ms)');
  });

  it('a worker that stopped reporting is lag, judged against the plan for now', () => {
    const { watch, lines, health } = setup(2);
    watch.report(0, health(1, 50));
    watch.report(1, health(1, 50));
    for (let s = 2; s <= 6; s++) {
      watch.report(0, health(s, s * 50));
      watch.check(T0 + s * 1000);
    }
    expect(lines).toHaveLength(1);
    // Opens at 6 s: worker 1 silent since 1 s (its 50 VUs against its 300 planned now), worker 0 on plan.
    expect(lines[0]).toMatch(/350 of 600 planned VUs running .*a runner thread silent for 5\.0 s/);
    expect(watch.finish(T0 + 6000)).toContain('fell behind its schedule once');
  });
});
