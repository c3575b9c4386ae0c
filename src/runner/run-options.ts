// The options and result of runLocal() (k6 run's flags as an API). Runs in: Node (runner main thread).
import type { SummaryData } from './summary/summary-data.ts';

export interface LocalRunOptions {
  /** .js k6 script/bundle or .ts (bundled with esbuild first). */
  scriptPath: string;
  /** -e KEY=VAL → __ENV (process.env only with includeSystemEnv). */
  env?: Record<string, string>;
  includeSystemEnv?: boolean;
  vus?: number;
  duration?: string;
  iterations?: number;
  stages?: { duration: string; target: number }[];
  /** --tag: added to every sample. */
  tags?: Record<string, string>;
  noThresholds?: boolean;
  summaryTrendStats?: string[];
  /** Hide the progress line. */
  quiet?: boolean;
  summaryExportPath?: string;
  /** k6 NDJSON (`--out json=FILE`). */
  outJsonPath?: string;
  /** Our per-second NDJSON time series. */
  timeSeriesPath?: string;
  /** `--out experimental-prometheus-rw`: push metrics to the K6_PROMETHEUS_RW_* endpoint. */
  prometheusRemoteWrite?: boolean;
  /** Where outputs read their K6_* configuration, as k6 reads its process environment (default process.env). */
  outputEnv?: Readonly<Record<string, string | undefined>>;
  /**
   * Refuse (107) a script whose blocking k6 calls cannot all be made to wait per VU, instead of running
   * it on the blocking path. Default: K6_LOCAL_STRICT_BLOCKING in `outputEnv` (or process.env).
   */
  strictBlocking?: boolean;
  /** VU worker threads (default: 1, or 2 for large profiles; see chooseWorkers). */
  workers?: number;
  /** Abort = interrupted (exit 105); the summary is still written. */
  signal?: AbortSignal;
  /** handleSummary 'stdout' and the text summary (default process.stdout). */
  stdout?: (text: string) => void;
  /** Logs, handleSummary 'stderr' (default process.stderr). */
  stderr?: (text: string) => void;
  /** Live progress line on a TTY stderr. */
  progress?: boolean;
  noColor?: boolean;
}

export interface LocalRunResult {
  exitCode: number;
  summaryData: SummaryData;
  durationMs: number;
}
