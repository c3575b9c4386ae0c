// The vocabulary of the results layer: the run series read from either engine's time series, the
// analyses computed from it, and the versioned verdict every report is written from. Types only.
// Runs in: Node.
import type { ProfileName } from '../vu/profiles.ts';
import type { LatencyHistogram } from './latency-histogram.ts';

/** Requests and failures of one slice of traffic (the whole run, a service, an operation). */
export interface RequestCounts {
  requests: number;
  /** Requests counted as failed by `http_req_failed` (unexpected status or network error). */
  failed: number;
}

/**
 * One point of the run series: one second, or a longer span once a long run's series was coarsened.
 * Latencies are over every request that completed in the span, in ms.
 */
export interface SeriesPoint extends RequestCounts {
  /** Unix time of the span's start, whole seconds. */
  t: number;
  /** Seconds the point covers (1, or e.g. 60 after coarsening). */
  spanS: number;
  /** Latency of every request in the span (estimated from the per-series quantiles, see docs). */
  latency: LatencyHistogram;
  /** Highest `vus` gauge value in the span; null when not recorded. */
  vus: number | null;
  /** Iterations completed in the span. */
  iterations: number;
  /** Iterations an arrival-rate executor could not start (no free VU). */
  droppedIterations: number;
  /** Gateway connection-pool overflows (503 UO) seen by the client in the span. */
  overflows: number;
  /** The same overflows per `service` tag (absent in series read before it was recorded). */
  overflowsByService?: Record<string, number>;
  /** Worst `local_iteration_start_lag` p99 in the span, ms (local runner, arrival-rate only). */
  startLagP99Ms: number | null;
  /** Worst `local_iteration_start_lag` p90 in the span, ms: one late iteration in ten, not one in all. */
  startLagP90Ms?: number | null;
  /** Worst per-second event-loop delay p99 of the local runner's threads in the span, ms. */
  loopDelayP99Ms?: number | null;
  /** The profile phase most requests of the span were tagged with, '' when untagged. */
  phase: string;
  /** Per `service` tag. */
  byService: Record<string, RequestCounts & { latency: LatencyHistogram }>;
  /** Per `op` tag (customer_read, product_read, order_create, payment, …). */
  byOperation: Record<string, RequestCounts & { latency: LatencyHistogram }>;
  /** Per `version` tag (v1, v2) of a canary run, each also per service; absent in other runs. */
  byVersion?: Record<string, VersionSlice>;
}

/** One version's requests in a point of a canary run, with the same split per service. */
export interface VersionSlice extends RequestCounts {
  latency: LatencyHistogram;
  byService: Record<string, RequestCounts & { latency: LatencyHistogram }>;
}

/** The whole run as points in time order (no gaps filled: a second without samples has no point). */
export interface RunSeries {
  points: SeriesPoint[];
  /** First and last second seen, Unix seconds; both 0 for an empty series. */
  startT: number;
  endT: number;
  /** Per-replica memory samples of the target when its metrics were recorded (Unix s, bytes). */
  targetMemory?: { replica: string; t: number; bytes: number }[];
}

/** Latency and error figures of a slice of the run. */
export interface SliceStats extends RequestCounts {
  /** failed / requests, 0..1; null without requests. */
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Requests per second over the slice's length. */
  rps: number;
}

/** A row of the per-service or per-operation table. */
export interface BreakdownRow extends SliceStats {
  name: string;
}

/** Why a window or criterion cannot be judged on the target. */
export type InconclusiveReason =
  | 'generator overloaded'
  | 'too short to judge'
  | 'no data'
  /** A comparison (canary v2 vs v1) whose sample cannot tell a difference within its tolerance from noise. */
  | 'not enough samples to tell';

export interface ChaosWindowStats extends SliceStats {
  name: 'before' | 'during' | 'after';
  fromMs: number;
  toMs: number;
  /** Set when the generator lagged in this window: its figures do not blame the target. */
  inconclusive?: InconclusiveReason;
  /** Service and operation with the highest error rate (then p95) in the window. */
  worstService?: BreakdownRow;
  worstOperation?: BreakdownRow;
}

/** One fault of the run, read against the time series. */
export interface ChaosFaultAnalysis {
  experiment: string;
  kind: string;
  selected: string[];
  injectedMs: number;
  /** When the provider saw the replicas ready again (replica-ready time), Unix ms, if it did. */
  providerRecoveredMs: number | null;
  providerRecoveryMs: number | null;
  /** Recovery as users see it (method in docs/analysis.md); null when not recovered. */
  recoveryMs: number | null;
  /** The pre-fault band recovery is measured against. */
  band: { p95MaxMs: number; errorRateMax: number } | null;
  windows: ChaosWindowStats[];
}

export interface BreakingPointAnalysis {
  /** null: not reached within the profile. */
  step: {
    name: string;
    fromMs: number;
    toMs: number;
    vus: number;
    rps: number;
    p95Ms: number | null;
    errorRate: number | null;
  } | null;
  /** Per-service error rates at the breaking step (or the last step when not reached). */
  serviceErrorRates: Record<string, number | null>;
  steps: { name: string; vus: number; rps: number; p95Ms: number | null; errorRate: number | null }[];
}

export interface SpikeAnalysis {
  spikeErrorRate: number | null;
  /** From the end of the spike until back inside the pre-spike band; null when not recovered. */
  recoveryMs: number | null;
  overflowsAfter: number;
  band: { p95MaxMs: number; errorRateMax: number } | null;
}

export interface DriftAnalysis {
  /** Theil–Sen slope over per-minute buckets. */
  p95SlopeMsPerHour: number | null;
  errorRateSlopePerHour: number | null;
  memorySlopeBytesPerHour: number | null;
  minutes: number;
}

export interface BreakpointAnalysis {
  /** Highest arrival rate (iterations/s) sustained within p95 < 500 ms and errors < 1 %. */
  highestSustainedRate: number | null;
  /** The rate at which it broke; null when it never broke. */
  brokeAtRate: number | null;
  /** The break was seen only while the generator lagged: the generator may have been the limit. */
  brokeWhileGeneratorLagged?: boolean;
}

/** One service's resource figures from Prometheus over the run (shares of requests / limits, 0..1+). */
export interface ServiceResources {
  name: string;
  /** CPU used / CPU requested (the plan's query), highest and mean over the run; null: no series. */
  cpuOfRequestsPeak: number | null;
  cpuOfRequestsMean: number | null;
  /** Working set / memory limit (the plan's query), highest over the run; null: no series. */
  memoryOfLimitsPeak: number | null;
  /** Theil–Sen slope of memory of limits per (scaled) hour after the warm-up; null: too few points. */
  memoryOfLimitsSlopePerHour: number | null;
}

export interface ResourceAnalysis {
  /** False when Prometheus was not asked or had nothing: `notMeasured` says why. */
  measured: boolean;
  notMeasured?: string;
  namespace: string;
  /** The rate window of the CPU query, s (5 m, shorter for short runs). */
  rateWindowS: number;
  /** The query_range step, s. */
  stepS: number;
  services: ServiceResources[];
}

/** One version's figures, and v1 beside v2 per service, in a canary run. */
export interface CanaryVersionRow {
  name: string;
  v1: SliceStats;
  v2: SliceStats;
}

/** v2 against v1 in a canary run (method in docs/analysis.md). */
export interface CanaryAnalysis {
  /** Share of iterations asked for v2, percent, and the header they carried (`x-version=v2`). */
  splitPercent: number;
  header: string;
  /** Share of requests that were v2, 0..1; null without requests. */
  v2Share: number | null;
  /** What the criteria compare: `all requests`, or the one service named by --service. */
  compared: string;
  /** Where v1 comes from: this run's own v1 traffic, or earlier steps' (a 100 % step). */
  reference: { kind: 'concurrent' } | { kind: 'earlier steps'; runs: string[]; missing: string[] };
  /** v1 and v2 as compared (all requests, or the one service). */
  v1: SliceStats;
  v2: SliceStats;
  /** v1 and v2 of every service either version called, by name. */
  services: CanaryVersionRow[];
  errorRate: {
    /** v2 − v1, 0..1 (points / 100); null when a version had no requests. */
    difference: number | null;
    tolerancePoints: number;
    /** Farrington–Manning z of "the difference is the tolerance"; null when not computed. */
    z: number | null;
  };
  p95: {
    /** p95(v2) / p95(v1) and its one-sided 95 % bounds; null when not computed. */
    ratio: number | null;
    lower: number | null;
    upper: number | null;
    tolerancePercent: number;
  };
}

export interface AnalysisResults {
  overall: SliceStats;
  services: BreakdownRow[];
  operations: BreakdownRow[];
  chaos?: ChaosFaultAnalysis[];
  breakingPoint?: BreakingPointAnalysis;
  spike?: SpikeAnalysis;
  drift?: DriftAnalysis;
  breakpoint?: BreakpointAnalysis;
  /** CPU and memory of the target's services from Prometheus (resources.json). */
  resources?: ResourceAnalysis;
  /** A canary run's v2 against v1. */
  canary?: CanaryAnalysis;
  /** Windows in which the load generator lagged (Unix ms). */
  generatorLag: { fromMs: number; toMs: number }[];
}

/**
 * `not-measured`: the figure could not be had (no Prometheus, a run too short for an alert's window);
 * `reported`: measured, but this profile sets no limit on it. Neither ever fails a run, even with
 * `--strict`: they are not judgements of the target.
 */
export type CriterionStatus = 'pass' | 'fail' | 'inconclusive' | 'not-measured' | 'reported';

export interface CriterionResult {
  id: string;
  description: string;
  /** Human-readable limit, e.g. `p(95) < 500` or `≤ 60 s`. */
  limit: string;
  /** Observed value in the criterion's unit; null without data. */
  observed: number | null;
  unit?: 'ms' | 'ratio' | 'count' | 'rps' | 'ms/h' | 'ratio/h' | 'bytes/h';
  /** true / false for judged criteria; null for inconclusive, not-measured and reported ones. */
  pass: boolean | null;
  status: CriterionStatus;
  /** Why an inconclusive criterion could not be judged. */
  inconclusive?: InconclusiveReason;
  /** Why a not-measured criterion has no figure, e.g. `PROMETHEUS_URL not set`. */
  notMeasured?: string;
  source: 'threshold' | 'analysis';
}

export const VERDICT_SCHEMA = 'c4ang-perf/verdict@1';

export interface Verdict {
  schema: typeof VERDICT_SCHEMA;
  runId: string;
  profile: ProfileName;
  /** Over the conclusive criteria (and every criterion with `strict`). */
  pass: boolean;
  /** One line, e.g. `post-spike-p95-under-500ms: observed 612 ms > limit 500 ms`. */
  reason: string;
  exitCode: number;
  strict: boolean;
  /** Ids of criteria that could not be judged (not-measured and reported ones are not listed). */
  inconclusive: string[];
  run: {
    engine: string | null;
    engineReason: string | null;
    target: string;
    targetKind: 'embedded' | 'remote';
    loadScale: number;
    vuScale: number;
    chaos: string[];
    startedAt: string;
    /** When load started (after build and target start); null when it never did. */
    loadStartedAt: string | null;
    finishedAt: string | null;
    status: string;
    /** Engine's own exit code (k6 semantics). */
    engineExitCode: number | null;
    error?: string;
  };
  criteria: CriterionResult[];
  analysis: AnalysisResults;
}
