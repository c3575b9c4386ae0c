// The engine contract: k6 and the local runner take the same bundle, env and options and return the
// same artefacts (summary data, per-second time series, k6's exit code). Runs in: Node.
import type { K6SummaryPlan } from './k6-summary-mode.ts';

/** k6-operator: the load runs in runner pods of a TestRun (src/engine/k6-operator/). */
export type EngineName = 'k6' | 'local' | 'k6-operator';

export interface EngineRequest {
  /** The bundled scenario (dist/<profile>.js). */
  readonly bundlePath: string;
  /** VU-side environment (__ENV): BASE_URL, API_HOST, LOAD_SCALE, RUN_ID, RESULTS_DIR, … */
  readonly env: Readonly<Record<string, string>>;
  /** Where the engine writes raw outputs; handleSummary writes summary.json here too. */
  readonly resultsDir: string;
  /** Our per-second NDJSON time series (same format from both engines). */
  readonly timeSeriesPath: string;
  /** Aborting stops the run gracefully (summary still written, exit 105). */
  readonly signal: AbortSignal;
  readonly quiet: boolean;
  /** Called with the pid of a child process the engine starts (k6), for crash bookkeeping. */
  readonly onSpawn?: (pid: number) => void;
  /** Worker threads for the local runner (ignored by k6). */
  readonly workers?: number;
  /**
   * Real k6 only: who keeps the summary and thresholds — k6 itself (default), or the harness from
   * k6's streamed samples, for long runs (k6-summary-mode.ts). The local runner's are bounded anyway.
   */
  readonly k6Summary?: K6SummaryPlan;
}

export interface EngineResult {
  readonly engine: EngineName;
  /** k6's exit code semantics: 0, 99, 104, 105, 107, 108. */
  readonly exitCode: number;
  readonly durationMs: number;
}

export interface Engine {
  readonly name: EngineName;
  /** Why this engine was chosen, for the run log and results. */
  readonly reason: string;
  run(request: EngineRequest): Promise<EngineResult>;
}
