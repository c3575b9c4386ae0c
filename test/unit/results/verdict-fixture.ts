// A realistic verdict of a scaled-down `normal` run on the embedded target with one pod-kill fault:
// one criterion failed, one inconclusive (generator overloaded), one without data. Shared by the
// renderer tests; `sampleVerdict(overrides)` replaces top-level fields, `run` and `analysis` merge.
import type { AnalysisResults, BreakdownRow, CriterionResult, Verdict } from '../../../src/results/types.ts';
import { VERDICT_SCHEMA } from '../../../src/results/types.ts';

/** The fixture run's start, Unix ms (2025-06-02T10:00:00Z). */
export const RUN_START_MS = Date.UTC(2025, 5, 2, 10, 0, 0);

export function sampleRow(name: string, overrides: Partial<BreakdownRow> = {}): BreakdownRow {
  return {
    name,
    requests: 1200,
    failed: 1,
    errorRate: 1 / 1200,
    p50Ms: 18,
    p95Ms: 96,
    p99Ms: 210,
    rps: 13.3,
    ...overrides,
  };
}

export function sampleCriterion(overrides: Partial<CriterionResult> = {}): CriterionResult {
  return {
    id: 'p95-under-500ms',
    description: '95th percentile response time below 500 ms',
    limit: 'p(95)<500',
    observed: 212,
    unit: 'ms',
    pass: true,
    status: 'pass',
    source: 'threshold',
    ...overrides,
  };
}

const criteria: CriterionResult[] = [
  sampleCriterion({ id: 'p95-under-500ms', observed: 612, pass: false, status: 'fail' }),
  sampleCriterion({
    id: 'p99-under-1000ms',
    description: '99th percentile response time below 1000 ms',
    limit: 'p(99)<1000',
    observed: 870,
  }),
  sampleCriterion({
    id: 'errors-under-0.1pct',
    description: 'fewer than 0.1 % of requests failed',
    limit: 'rate<0.001',
    observed: 0.0004,
    unit: 'ratio',
  }),
  sampleCriterion({
    id: 'target-rate-reached',
    description: 'at least 95 % of the target 100 iterations/s started and completed',
    limit: 'rate>=95',
    observed: 91.2,
    unit: 'rps',
    pass: null,
    status: 'inconclusive',
    inconclusive: 'generator overloaded',
  }),
  sampleCriterion({
    id: 'chaos-recovery-under-60s',
    description: 'users see normal service again within 60 s of each fault',
    limit: '≤ 60 s',
    observed: null,
    pass: null,
    status: 'inconclusive',
    inconclusive: 'no data',
    source: 'analysis',
  }),
];

const analysis: AnalysisResults = {
  overall: {
    requests: 9000,
    failed: 4,
    errorRate: 4 / 9000,
    p50Ms: 21,
    p95Ms: 612,
    p99Ms: 870,
    rps: 100,
  },
  services: [
    sampleRow('order-service', { failed: 3, errorRate: 3 / 1500, p95Ms: 640 }),
    sampleRow('product-service'),
    sampleRow('customer-service'),
  ],
  operations: [
    sampleRow('order_create', { failed: 3, errorRate: 3 / 1500, p95Ms: 700 }),
    sampleRow('product_read'),
    sampleRow('customer_read'),
    sampleRow('payment'),
  ],
  chaos: [
    {
      experiment: 'pod-kill-order-service',
      kind: 'PodChaos',
      selected: ['order-service-1'],
      injectedMs: RUN_START_MS + 40_000,
      providerRecoveredMs: RUN_START_MS + 43_100,
      providerRecoveryMs: 3100,
      recoveryMs: 4200,
      band: { p95MaxMs: 150, errorRateMax: 0.001 },
      windows: [
        { ...sampleRow('before'), name: 'before', fromMs: RUN_START_MS, toMs: RUN_START_MS + 40_000 },
        {
          ...sampleRow('during', { failed: 60, errorRate: 0.12, p95Ms: 830 }),
          name: 'during',
          fromMs: RUN_START_MS + 40_000,
          toMs: RUN_START_MS + 50_000,
          worstService: sampleRow('order-service', { errorRate: 0.18, p95Ms: 1200 }),
          worstOperation: sampleRow('order_create', { errorRate: 0.25, p95Ms: 1400 }),
        },
        {
          ...sampleRow('after'),
          name: 'after',
          fromMs: RUN_START_MS + 50_000,
          toMs: RUN_START_MS + 90_000,
          inconclusive: 'generator overloaded',
        },
      ],
    },
  ],
  generatorLag: [{ fromMs: RUN_START_MS + 60_000, toMs: RUN_START_MS + 65_000 }],
};

const base: Verdict = {
  schema: VERDICT_SCHEMA,
  runId: 'normal-20250602-100000-ab12',
  profile: 'normal',
  pass: false,
  reason: 'p95-under-500ms: observed 612 ms > limit 500 ms',
  exitCode: 99,
  strict: false,
  inconclusive: ['target-rate-reached', 'chaos-recovery-under-60s'],
  run: {
    engine: 'local',
    engineReason: 'no k6 binary on PATH',
    target: 'embedded',
    targetKind: 'embedded',
    loadScale: 0.05,
    vuScale: 1,
    chaos: ['chaos/pod-kill-order-service.yaml'],
    startedAt: new Date(RUN_START_MS).toISOString(),
    loadStartedAt: new Date(RUN_START_MS).toISOString(),
    finishedAt: new Date(RUN_START_MS + 92_500).toISOString(),
    status: 'finished',
    engineExitCode: 99,
  },
  criteria,
  analysis,
};

export type VerdictOverrides = Partial<Omit<Verdict, 'run' | 'analysis'>> & {
  run?: Partial<Verdict['run']>;
  analysis?: Partial<AnalysisResults>;
};

/** A fresh copy of the fixture verdict with `overrides` applied. */
export function sampleVerdict(overrides: VerdictOverrides = {}): Verdict {
  const copy = structuredClone(base);
  return {
    ...copy,
    ...overrides,
    run: { ...copy.run, ...overrides.run },
    analysis: { ...copy.analysis, ...overrides.analysis },
  };
}

/** The fixture turned into a passing run: every conclusive criterion passed, nothing inconclusive. */
export function passingVerdict(overrides: VerdictOverrides = {}): Verdict {
  const verdict = sampleVerdict();
  return sampleVerdict({
    pass: true,
    reason: 'all criteria passed',
    exitCode: 0,
    inconclusive: [],
    criteria: verdict.criteria.map((c) =>
      sampleCriterion({
        ...c,
        observed: c.status === 'fail' ? 212 : (c.observed ?? 12_000),
        pass: true,
        status: 'pass',
        inconclusive: undefined,
      }),
    ),
    ...overrides,
  });
}
