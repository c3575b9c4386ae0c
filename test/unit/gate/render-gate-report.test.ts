// The gate table (Markdown) and JUnit rendering: one row / testcase per check, baseline, now,
// change and pass columns, "observed X vs limit Y" failures, XML escaping.
import { describe, expect, it } from 'vitest';
import { checksFromCriteria } from '../../../src/gate/judge-step.ts';
import { renderGateJunit } from '../../../src/gate/render-gate-junit.ts';
import { renderGateMarkdown } from '../../../src/gate/render-gate-markdown.ts';
import {
  BASELINE_SCHEMA,
  DEFAULT_TOLERANCES,
  GATE_SCHEMA,
  type GateCheck,
  type GateReport,
  type StepOutcome,
} from '../../../src/gate/types.ts';

const check = (over: Partial<GateCheck>): GateCheck => ({
  kind: 'criterion',
  id: 'p95-under-500ms',
  description: '95th percentile response time below 500 ms',
  limit: 'p(95) < 500',
  limitValue: null,
  baseline: null,
  observed: 12.5,
  unit: 'ms',
  change: null,
  status: 'pass',
  ...over,
});

const step = (index: number, profile: 'smoke' | 'spike', checks: GateCheck[]): StepOutcome => ({
  index,
  step: { profile, scale: 0.01, vuScale: 0.4, chaos: [], limits: {} },
  runId: `gate-release-x-${index + 1}-${profile}`,
  resultsDir: `/r/gate-release-x-${index + 1}-${profile}`,
  exitCode: 0,
  identity: { profile, scale: 0.01, vuScale: 0.4, engine: 'local', targetKind: 'embedded', chaos: [] },
  overall: { p95Ms: 12.5, p99Ms: 20, errorRate: 0, rps: 40 },
  runPass: true,
  reason: 'all criteria passed',
  checks,
});

const report: GateReport = {
  schema: GATE_SCHEMA,
  id: 'release-x',
  name: 'release',
  configFile: 'gate.config.yaml',
  reportDir: '/r/gate-release-x',
  pass: false,
  exitCode: 99,
  reason: 'step 2 (spike) baseline-p95: observed 24.6 ms vs limit ≤ 13.75 ms',
  startedAt: '2026-12-02T00:00:00.000Z',
  finishedAt: '2026-12-02T00:02:00.000Z',
  tolerances: DEFAULT_TOLERANCES,
  baseline: { file: 'baselines/release.json', status: 'compared', savedAt: '2026-12-01T00:00:00.000Z' },
  steps: [
    step(0, 'smoke', [check({ id: 'no-failed-requests', unit: 'ratio', observed: 0, limit: 'rate == 0' })]),
    step(1, 'spike', [
      check({}),
      check({
        kind: 'baseline',
        id: 'baseline-p95',
        limit: '≤ 13.75 ms',
        limitValue: 13.75,
        baseline: 12.5,
        observed: 24.6,
        change: 0.968,
        status: 'fail',
      }),
      check({
        kind: 'baseline',
        id: 'baseline-error-rate',
        limit: '≤ 0.5 %',
        unit: 'ratio',
        baseline: 0,
        observed: 0.004,
        change: 0.4,
      }),
      check({ kind: 'limit', id: 'limit-p99', limit: '≤ 500 ms', observed: null, status: 'inconclusive' }),
    ]),
  ],
  candidateBaseline: {
    schema: BASELINE_SCHEMA,
    gate: 'release',
    gateId: 'release-x',
    savedAt: '',
    steps: [],
  },
};

describe('renderGateMarkdown', () => {
  const markdown = renderGateMarkdown(report);

  it('heads with the outcome, the reason and the baseline used', () => {
    expect(markdown).toMatch(/^## Performance gate `release`: FAIL\n\nFailed \(exit 99\): step 2 \(spike\)/);
    expect(markdown).toContain('Baseline: `baselines/release.json` (saved 2026-12-01T00:00:00.000Z).');
  });

  it('has one row per step × check with baseline, now, change and pass', () => {
    expect(markdown).toContain('| Step | Check | Limit | Baseline | Now | Change | Pass |');
    expect(markdown).toContain('| 1. smoke | no-failed-requests | rate == 0 | — | 0 % | — | ✅ pass |');
    expect(markdown).toContain(
      '| 2. spike | baseline-p95 | ≤ 13.75 ms | 12.5 ms | 24.6 ms | +96.8 % | ❌ FAIL |',
    );
    expect(markdown).toContain(
      '| 2. spike | baseline-error-rate | ≤ 0.5 % | 0 % | 0.4 % | +0.40 pt | ✅ pass |',
    );
    expect(markdown).toContain('| 2. spike | limit-p99 | ≤ 500 ms | — | — | — | ⚠️ inconclusive |');
    expect(markdown.split('\n').filter((l) => /^\| \d\. /.test(l))).toHaveLength(5);
  });

  it('says plainly when there was no baseline to compare with', () => {
    const none = renderGateMarkdown({
      ...report,
      baseline: { file: 'baselines/release.json', status: 'missing' },
    });
    expect(none).toContain('`baselines/release.json` does not exist, so nothing was compared');
    const saved = renderGateMarkdown({
      ...report,
      baseline: { file: 'b.json', status: 'missing', save: { file: 'b.json', saved: true } },
    });
    expect(saved).toContain('This run was saved as the new baseline `b.json`.');
  });

  it('escapes pipes inside cells', () => {
    const piped = renderGateMarkdown({
      ...report,
      steps: [step(0, 'smoke', [check({ limit: 'a | b' })])],
    });
    expect(piped).toContain('a \\| b');
  });
});

describe('renderGateJunit', () => {
  const xml = renderGateJunit(report);

  it('has one testsuite per step and one testcase per check', () => {
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain('<testsuites name="performance gate release" tests="5" failures="1">');
    expect(xml).toContain(
      '<testsuite name="release 2. spike" tests="4" failures="1" skipped="1" errors="0">',
    );
  });

  it('gives a failing check the message "observed X vs limit Y", escaped', () => {
    expect(xml).toContain('<failure message="observed 24.6 ms vs limit ≤ 13.75 ms">');
    const escaped = renderGateJunit({
      ...report,
      steps: [step(0, 'smoke', [check({ id: 'a<b&"c"', status: 'fail' })])],
    });
    expect(escaped).toContain('name="criterion: a&lt;b&amp;&quot;c&quot;"');
  });
});

describe('criteria a run did not judge (not measured, reported)', () => {
  const checks = checksFromCriteria([
    {
      id: 'cpu-of-requests',
      description: 'CPU of requests: not measured',
      limit: '< 0.5',
      observed: null,
      unit: 'ratio',
      pass: null,
      status: 'not-measured',
      notMeasured: 'PROMETHEUS_URL not set',
      source: 'analysis',
    },
    {
      id: 'alert-high-error-rate',
      description: 'HighErrorRate (critical; …): would have fired on order-service',
      limit: 'none for spike',
      observed: 360_000,
      unit: 'ms',
      pass: null,
      status: 'reported',
      source: 'analysis',
    },
  ]);
  const unjudged: GateReport = { ...report, pass: true, exitCode: 0, steps: [step(0, 'spike', checks)] };

  it('become checks with their status and reason, as the run decided', () => {
    expect(checks.map((c) => [c.id, c.status, c.note])).toEqual([
      ['cpu-of-requests', 'not-measured', 'PROMETHEUS_URL not set'],
      ['alert-high-error-rate', 'reported', undefined],
    ]);
  });

  it('show as not measured (with the reason) and reported in the table', () => {
    const markdown = renderGateMarkdown(unjudged);
    expect(markdown).toContain(
      '| 1. spike | cpu-of-requests | < 0.5 | — | — | — | ➖ not measured: PROMETHEUS_URL not set |',
    );
    expect(markdown).toContain(
      '| 1. spike | alert-high-error-rate | none for spike | — | 360 s | — | ℹ️ reported |',
    );
  });

  it('are no failures in JUnit: not measured is skipped with its reason, reported passes', () => {
    const xml = renderGateJunit(unjudged);
    expect(xml).toContain(
      '<testsuite name="release 1. spike" tests="2" failures="0" skipped="1" errors="0">',
    );
    expect(xml).toContain('<skipped message="not measured: PROMETHEUS_URL not set"/>');
    expect(xml).toContain('name="criterion: alert-high-error-rate"></testcase>');
  });
});
