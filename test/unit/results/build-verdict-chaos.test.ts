// The verdict's chaos and breakpoint cases: chaos that never fired fails `chaos-as-planned` (99),
// and a breakpoint run whose engine exits 99 by design passes when its verdict does.
import { describe, expect, test } from 'vitest';
import type { SummaryLike } from '../../../src/results/threshold-criteria.ts';
import { buildSeries, type SecondSpec } from './synthetic-series.ts';
import { neverInjected, runRecord, verdictOf } from './verdict-inputs.ts';

describe('chaos', () => {
  test('chaos that did not go as planned fails the run through chaos-as-planned', () => {
    const chaos = { experiments: [neverInjected], failures: ['order-service-pod-kill: never injected'] };
    const verdict = verdictOf({ chaos, record: runRecord({ chaos: ['chaos/pod-kill-order-service.yaml'] }) });
    const plan = verdict.criteria.find((c) => c.id === 'chaos-as-planned');
    expect(plan).toMatchObject({
      status: 'fail',
      pass: false,
      observed: 1,
      unit: 'count',
      source: 'analysis',
    });
    expect(plan?.description).toContain('order-service-pod-kill: never injected');
    expect(verdict).toMatchObject({ pass: false, exitCode: 99 });
    expect(verdict.reason).toMatch(/^chaos-as-planned: observed 1, limit 0 failures/);
    expect(verdict.run.chaos).toEqual(['chaos/pod-kill-order-service.yaml']);
    // The never-injected fault itself has nothing to judge.
    expect(verdict.inconclusive).toEqual([
      'chaos-recovered-order-service-pod-kill',
      'chaos-order-service-pod-kill-errors-during-fault',
    ]);
  });

  test('an empty chaos file adds no criterion', () => {
    const verdict = verdictOf({ chaos: { experiments: [], failures: [] } });
    expect(verdict.criteria.some((c) => c.id.startsWith('chaos'))).toBe(false);
    expect(verdict.pass).toBe(true);
  });
});

describe('breakpoint', () => {
  // LOAD_SCALE 0.0125: 2 s rate windows; the iteration rate climbs 10/s every second.
  const ramp = (brokenFromS: number) =>
    buildSeries(
      Array.from(
        { length: 34 },
        (_, s): SecondSpec => ({
          rps: 100,
          iterations: 20 + 10 * s,
          p95Ms: s >= brokenFromS ? 800 : 100,
        }),
      ),
    );
  const record = runRecord({ runId: 'breakpoint-1', profile: 'breakpoint', loadScale: 0.0125, vuScale: 0.4 });
  // The engine aborted on the p95 threshold: that is how a breakpoint run is meant to end.
  const aborted: SummaryLike = {
    metrics: {
      http_req_duration: {
        type: 'trend',
        values: { count: 3400, 'p(95)': 800 },
        thresholds: { 'p(95)<500': { ok: false } },
      },
      http_req_failed: {
        type: 'rate',
        values: { rate: 0, passes: 0, fails: 3400 },
        thresholds: { 'rate<0.01': { ok: true } },
      },
    },
  };

  test('engine exit 99 (threshold abort) with a sustained rate found: the verdict passes, exit 0', () => {
    const verdict = verdictOf({ record, summary: aborted, series: ramp(30), engineExitCode: 99 });
    const judged = verdict.criteria.filter((c) => c.status !== 'not-measured');
    expect(judged.map((c) => [c.id, c.status])).toEqual([['highest-sustained-rate-found', 'pass']]);
    expect(verdict.analysis.breakpoint).toEqual({ highestSustainedRate: 305, brokeAtRate: 325 });
    expect(verdict).toMatchObject({ pass: true, exitCode: 0, profile: 'breakpoint' });
  });

  test('broken from the start: no sustained rate, exit 99', () => {
    const verdict = verdictOf({ record, summary: aborted, series: ramp(0), engineExitCode: 99 });
    expect(verdict).toMatchObject({ pass: false, exitCode: 99 });
    expect(verdict.reason).toBe('highest-sustained-rate-found: observed no data, limit > 0 iterations/s');
  });
});
