// Messages between the main thread and VU worker threads (all structured-clone safe).
// Runs in: Node (main thread and workers).
import type { CheckTreeDelta } from '../check-tree.ts';
import type { ThreadHealth } from '../generator-health.ts';
import type { MetricsDelta } from '../metrics/types.ts';
import type { K6JsonBatch } from '../output/k6-json-encode.ts';
import type { SeriesDelta } from '../output/prometheus-rw/series-aggregator.ts';
import type { ThreadConfig } from '../thread-runner.ts';
import type { LogLevel } from '../vu-host.ts';

export interface WorkerInit {
  scriptPath: string;
  code: string;
  /** `code` was rewritten by the blocking-call transform (compile it the same way). */
  awaitsBlockingCalls: boolean;
  config: ThreadConfig;
}

export type MainToWorker = { type: 'start'; testStartEpochMs: number; setupJson: string } | { type: 'stop' };

export interface WorkerSnapshot {
  metrics: MetricsDelta;
  checks: CheckTreeDelta;
  vusActive: number;
  /** Peak VUs initialized at once in this worker. */
  vusInitialized: number;
  /** p99 over the whole run so far (end-of-run warning). */
  eventLoopDelayP99Ms: number;
  /** This period's pace, for the live lag watch. */
  health: ThreadHealth;
  /** k6 JSON lines encoded since the previous snapshot (only with --out json). */
  json?: K6JsonBatch;
  /** Per-series aggregates since the previous snapshot (only with experimental-prometheus-rw). */
  promRw?: SeriesDelta[];
}

export type WorkerToMain =
  | { type: 'ready'; vusInitialized: number }
  | { type: 'init-error'; message: string; exitCode: number }
  | ({ type: 'delta' } & WorkerSnapshot)
  | { type: 'log'; level: LogLevel; message: string }
  | { type: 'abort'; reason: string }
  | { type: 'sleep' }
  | { type: 'sync-http' }
  | ({ type: 'done'; interrupted: number } & WorkerSnapshot);
