// The vocabulary of the pre-release performance gate: its config (steps, limits, tolerances), the
// stored baseline, and the checks every report is written from. Types and constants only.
// Runs in: Node.
import type { ValueUnit } from '../results/format-values.ts';
import type { CanarySettings } from '../results/canary/canary-settings.ts';
import type { CriterionStatus } from '../results/types.ts';
import type { ProfileName } from '../vu/profiles.ts';

/** Overall figures of one step's run that limits and baselines are judged on. */
export interface StepStats {
  /** 95th / 99th percentile response time, ms; null without requests. */
  p95Ms: number | null;
  p99Ms: number | null;
  /** failed / requests, 0..1; null without requests. */
  errorRate: number | null;
  /** Throughput, requests per second over the run. */
  rps: number;
  /** Requests of the run; older baselines may lack it. */
  requests?: number;
}

/** Below this many requests (in the run or its baseline) percentiles are too coarse to compare. */
export const MIN_REQUESTS_TO_COMPARE = 100;

/** Per-step overrides judged on the run's overall stats, on top of the run's own criteria. */
export interface StepLimits {
  /** p95 must stay ≤ this, ms. */
  p95Ms?: number;
  /** p99 must stay ≤ this, ms. */
  p99Ms?: number;
  /** Error rate must stay ≤ this, 0..1. */
  errorRate?: number;
  /** Throughput must reach at least this, requests/s. */
  minRps?: number;
}

export interface GateStep {
  profile: ProfileName;
  /** 0 < loadScale ≤ 1. */
  scale: number;
  /** 0 < vuScale ≤ 10. */
  vuScale: number;
  /** Chaos Mesh manifests, paths relative to the repo root (under chaos/). */
  chaos: string[];
  limits: StepLimits;
  /** The embedded stand-in's security rules on or off for this step (C4ANG_PERF_STANDIN_SECURITY); unset: as the environment says. */
  standinSecurity?: boolean;
  /** A canary step (`canary:`): the run sends this share as v2 and judges it against v1. */
  canary?: CanarySettings;
}

/** How far a step may move from its baseline before the gate fails. */
export interface Tolerances {
  /** p95 may rise by at most this share of the baseline, e.g. 0.10 for +10 %. */
  p95Rise: number;
  /** p99 may rise by at most this share of the baseline, e.g. 0.15 for +15 %. */
  p99Rise: number;
  /** Error rate may rise by at most this, in percentage points (0.5 = +0.5 points). */
  errorRateRisePoints: number;
  /** Throughput may fall by at most this share of the baseline, e.g. 0.10 for −10 %. */
  rpsFall: number;
  /**
   * Latency rises up to this many ms never fail, whatever the share: tiny latencies of a
   * millisecond-fast stand-in jitter by more than 10 % between identical runs.
   */
  latencyNoiseMs: number;
}

export interface GateConfig {
  /** Gate name; names the default baseline file `baselines/<name>.json`. */
  name: string;
  /** The file the config was read from (as given), for messages. */
  file: string;
  steps: GateStep[];
  tolerances: Tolerances;
}

export const DEFAULT_GATE_NAME = 'release';
export const DEFAULT_GATE_CONFIG_FILE = 'gate.config.yaml';

export const DEFAULT_TOLERANCES: Readonly<Tolerances> = Object.freeze({
  p95Rise: 0.1,
  p99Rise: 0.15,
  errorRateRisePoints: 0.5,
  rpsFall: 0.1,
  latencyNoiseMs: 0,
});

/** What a step was run as: runs that differ in any of these are not comparable. */
export interface StepIdentity {
  profile: ProfileName;
  scale: number;
  vuScale: number;
  /** 'k6' or 'local'; null when unknown. */
  engine: string | null;
  targetKind: 'embedded' | 'remote';
  /** Chaos manifests as repo-relative paths. */
  chaos: string[];
  /** A canary step's share, header and scope (canary-step.ts); absent for other steps. */
  canary?: string;
}

export const BASELINE_SCHEMA = 'c4ang-perf/gate-baseline@1';

export interface BaselineStep extends StepIdentity {
  overall: StepStats;
  runId: string;
  /** ISO time the step's baseline was stored. */
  savedAt: string;
}

export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  gate: string;
  /** Id of the gate run it was saved from. */
  gateId: string;
  savedAt: string;
  steps: BaselineStep[];
}

/** Where a check comes from: the run's verdict, a step limit, or the baseline comparison. */
type CheckKind = 'criterion' | 'limit' | 'baseline';

/** One row of the gate table: a criterion, a limit or a comparison of one step. */
export interface GateCheck {
  kind: CheckKind;
  id: string;
  description: string;
  /** Human-readable limit, e.g. `p(95) < 500`, `≤ 11.0 ms` (baseline + tolerance). */
  limit: string;
  /** Numeric limit in `unit` when there is one (limits and comparisons). */
  limitValue: number | null;
  /** Baseline value in `unit`; null for criteria and without baseline. */
  baseline: number | null;
  observed: number | null;
  unit: ValueUnit | undefined;
  /** Change from the baseline: share for ms and rps (0.12 = +12 %), points for ratios. */
  change: number | null;
  /** A criterion's status as its run judged it (not-measured and reported never fail the gate). */
  status: CriterionStatus;
  /** Why a not-measured check has no figure, e.g. `PROMETHEUS_URL not set`. */
  note?: string;
}

/** One step as run and judged. */
export interface StepOutcome {
  index: number;
  step: GateStep;
  runId: string;
  resultsDir: string;
  exitCode: number;
  identity: StepIdentity;
  overall: StepStats | null;
  /** Verdict's pass, or false when the run wrote no verdict. */
  runPass: boolean;
  reason: string;
  checks: GateCheck[];
}

/** What happened with the baseline in a gate run. */
export interface BaselineReport {
  /** Path shown to the user (relative to the repo root when inside it). */
  file: string;
  /** compared: the steps were checked against it; missing: none found, nothing compared. */
  status: 'compared' | 'missing';
  /** When the compared baseline was saved. */
  savedAt?: string;
  /** With --save-baseline: where this run was stored, or why it was not (a failing gate). */
  save?: { file: string; saved: boolean; note?: string };
}

export const GATE_SCHEMA = 'c4ang-perf/gate@1';

/** Everything gate.json, gate.md and junit.xml are written from. */
export interface GateReport {
  schema: typeof GATE_SCHEMA;
  /** `<gate name>-<time>-<random>`; the folder is `gate-<id>`. */
  id: string;
  name: string;
  configFile: string;
  /** Absolute path of `<results>/gate-<id>`, where the reports are written. */
  reportDir: string;
  pass: boolean;
  exitCode: number;
  /** One line: the first failing check, or why the gate stopped. */
  reason: string;
  startedAt: string;
  finishedAt: string;
  tolerances: Tolerances;
  baseline: BaselineReport;
  steps: StepOutcome[];
  /** The baseline this run would save (`--baseline <gate id>` reads it). */
  candidateBaseline: Baseline;
}
