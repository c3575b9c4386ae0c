// Baseline comparison: each figure against baseline + tolerance (table-driven), the latency noise
// floor, and the refusal to compare runs of another profile, scale, engine, target kind or chaos.
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, findBaselineMismatches } from '../../../src/gate/compare-baseline.ts';
import { matchBaseline } from '../../../src/gate/match-baseline.ts';
import {
  type BaselineStep,
  DEFAULT_TOLERANCES,
  type StepIdentity,
  type StepStats,
} from '../../../src/gate/types.ts';

const base: StepStats = { p95Ms: 100, p99Ms: 200, errorRate: 0.01, rps: 50 };
const identity = (over: Partial<StepIdentity> = {}): StepIdentity => ({
  profile: 'normal',
  scale: 0.03,
  vuScale: 1,
  engine: 'local',
  targetKind: 'embedded',
  chaos: ['chaos/pod-kill-order-service.yaml'],
  ...over,
});
const saved = (over: Partial<StepIdentity> = {}): BaselineStep => ({
  ...identity(over),
  overall: base,
  runId: 'gate-x-1-normal',
  savedAt: '2026-12-01T00:00:00.000Z',
});
const statusOf = (now: Partial<StepStats>, tolerances = DEFAULT_TOLERANCES) =>
  Object.fromEntries(compareWithBaseline({ ...base, ...now }, base, tolerances).map((c) => [c.id, c.status]));

describe('compareWithBaseline', () => {
  const cases: [string, Partial<StepStats>, string, 'pass' | 'fail'][] = [
    ['p95 +10 % is within', { p95Ms: 110 }, 'baseline-p95', 'pass'],
    ['p95 +11 % fails', { p95Ms: 111 }, 'baseline-p95', 'fail'],
    ['p99 +15 % is within', { p99Ms: 230 }, 'baseline-p99', 'pass'],
    ['p99 +16 % fails', { p99Ms: 232 }, 'baseline-p99', 'fail'],
    ['errors +0.5 points is within', { errorRate: 0.015 }, 'baseline-error-rate', 'pass'],
    ['errors +0.6 points fails', { errorRate: 0.016 }, 'baseline-error-rate', 'fail'],
    ['throughput −10 % is within', { rps: 45 }, 'baseline-throughput', 'pass'],
    ['throughput −12 % fails', { rps: 44 }, 'baseline-throughput', 'fail'],
    ['getting faster passes', { p95Ms: 50, p99Ms: 90, errorRate: 0, rps: 80 }, 'baseline-p95', 'pass'],
  ];
  it.each(cases)('%s', (_name, now, id, expected) => {
    expect(statusOf(now)[id]).toBe(expected);
  });

  it('reports the change: a share for latency and throughput, points for the error rate', () => {
    const checks = compareWithBaseline(
      { p95Ms: 120, p99Ms: 200, errorRate: 0.02, rps: 40 },
      base,
      DEFAULT_TOLERANCES,
    );
    const change = Object.fromEntries(checks.map((c) => [c.id, c.change]));
    expect(change['baseline-p95']).toBeCloseTo(0.2);
    expect(change['baseline-error-rate']).toBeCloseTo(1);
    expect(change['baseline-throughput']).toBeCloseTo(-0.2);
    const p95 = checks.find((c) => c.id === 'baseline-p95')!;
    expect(p95.limit).toBe('≤ 110 ms');
    expect(p95.limitValue).toBeCloseTo(110);
  });

  it('ignores latency rises inside the noise floor', () => {
    const tiny = { p95Ms: 5, p99Ms: 8, errorRate: 0, rps: 50 };
    const tolerances = { ...DEFAULT_TOLERANCES, latencyNoiseMs: 2 };
    const checks = compareWithBaseline({ ...tiny, p95Ms: 6.5 }, tiny, tolerances);
    expect(checks.find((c) => c.id === 'baseline-p95')?.status).toBe('pass');
    const doubled = compareWithBaseline({ ...tiny, p95Ms: 10 }, tiny, tolerances);
    expect(doubled.find((c) => c.id === 'baseline-p95')?.status).toBe('fail');
  });

  it('runs with too few requests (smoke) are not compared: one inconclusive row instead', () => {
    const checks = compareWithBaseline(
      { ...base, requests: 14 },
      { ...base, requests: 15 },
      DEFAULT_TOLERANCES,
    );
    expect(checks).toEqual([
      expect.objectContaining({ id: 'baseline-not-compared', status: 'inconclusive', observed: 14 }),
    ]);
  });

  it('without data on either side a comparison is inconclusive, not a pass', () => {
    const checks = compareWithBaseline({ ...base, p95Ms: null }, base, DEFAULT_TOLERANCES);
    expect(checks.find((c) => c.id === 'baseline-p95')?.status).toBe('inconclusive');
  });
});

describe('refusing runs that are not comparable', () => {
  const cases: [string, Partial<StepIdentity>, RegExp][] = [
    ['scale', { scale: 0.05 }, /steps\[0\] \(normal\): scale differs \(baseline 0\.05, now 0\.03\)/],
    ['VU scale', { vuScale: 2 }, /vuScale differs \(baseline 2, now 1\).*VU scales are not comparable/],
    ['engine', { engine: 'k6' }, /engine differs \(baseline "k6", now "local"\)/],
    ['target kind', { targetKind: 'remote' }, /targetKind differs \(baseline "remote", now "embedded"\)/],
    ['chaos', { chaos: [] }, /chaos differs \(baseline \[\], now \["chaos\/pod-kill-order-service.yaml"\]\)/],
  ];
  it.each(cases)('a different %s is refused, naming the step', (_name, over, message) => {
    const problems = findBaselineMismatches([identity()], [saved(over)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('an engine not known yet is not held against the run', () => {
    expect(findBaselineMismatches([identity({ engine: null })], [saved()])).toEqual([]);
  });

  it('pairs steps by profile, in order, and refuses a missing or extra step', () => {
    const now = [identity({ profile: 'smoke', scale: 1, chaos: [] }), identity()];
    const baseline = [saved(), saved({ profile: 'smoke', scale: 1, chaos: [] })];
    const match = matchBaseline(now, baseline, 'baselines/release.json');
    expect(match.problems).toEqual([]);
    expect(match.pairs.map((p) => p?.profile)).toEqual(['smoke', 'normal']);

    const added = matchBaseline([...now, identity({ profile: 'spike' })], baseline, 'baselines/release.json');
    expect(added.problems).toEqual([
      'steps[2] (spike): baselines/release.json has no spike step to compare with; save a new baseline with --save-baseline',
    ]);
    const dropped = matchBaseline([identity()], baseline, 'baselines/release.json');
    expect(dropped.problems[0]).toMatch(/its step 1 \(smoke\) is not in the gate any more/);
  });

  it('a different profile is refused; one run as the baseline compares only its profile', () => {
    const single = [saved({ profile: 'spike' })];
    const refused = matchBaseline([identity()], single, 'results/spike-1/verdict.json', true);
    expect(refused.problems[0]).toMatch(/holds a spike run; the gate has no step of that profile/);
    const partial = matchBaseline(
      [identity({ profile: 'smoke', scale: 1, chaos: [] }), identity()],
      [saved()],
      'results/normal-1/verdict.json',
      true,
    );
    expect(partial.problems).toEqual([]);
    expect(partial.pairs.map((p) => p?.profile)).toEqual([undefined, 'normal']);
  });

  it('names the step index of the gate, not of the pair', () => {
    const now = [identity({ profile: 'smoke', scale: 1, chaos: [] }), identity({ scale: 0.05 })];
    const match = matchBaseline(now, [saved({ profile: 'smoke', scale: 1, chaos: [] }), saved()], 'b.json');
    expect(match.problems).toEqual([expect.stringMatching(/^steps\[1\] \(normal\): scale differs/)]);
  });
});
