// What every VU of one runner thread shares: the metric registry, the checks tree, the HTTP agent
// and sync HTTP helper, global tags, the run's logger and counters that k6/execution exposes.
// Runs in: VU thread.
import type { Agent } from 'undici';
import type { CheckTree } from './check-tree.ts';
import type { HealthCounters } from './generator-health.ts';
import type { SyncHttpClient } from './http/sync-http-client.ts';
import type { MetricRegistry } from './metrics/registry.ts';
import type { Tags } from './metrics/types.ts';

export type LogLevel = 'info' | 'warn' | 'error' | 'debug';

/** Counters behind exec.instance (this thread's share). */
export interface InstanceCounters {
  vusActive: number;
  /** Peak of VUs initialized at once (k6 never retires a VU, so its count only grows; ours retires interrupted ones). */
  vusInitialized: number;
  iterationsCompleted: number;
  iterationsInterrupted: number;
}

export interface VuHost {
  readonly registry: MetricRegistry;
  readonly checks: CheckTree;
  readonly agent: Agent;
  /** Blocking k6/http calls (http.get, batch…); its helper worker starts on first use. */
  readonly syncHttp: SyncHttpClient;
  /** --tag flags and options.tags: added to every sample. */
  readonly globalTags: Tags;
  /** The consolidated options (exec.test.options). */
  readonly options: Readonly<Record<string, unknown>>;
  /** options.discardResponseBodies: default responseType 'none'. */
  readonly discardResponseBodies: boolean;
  /** Unix ms when the test (scenarios) started; 0 before. */
  testStartMs: number;
  readonly counters: InstanceCounters;
  /** This thread's pace (scheduled VUs, late starts) for the live lag watch. */
  readonly health: HealthCounters;
  /** exec.test.abort(reason): stop the whole run with exit 108. */
  abortTest(reason: string): void;
  /** Script console and runner messages, k6 log style; errors inside iterations are rate-limited. */
  log(level: LogLevel, message: string): void;
  /** On the blocking path sleep() blocks the whole thread; remembered so the summary can warn. */
  noteSleepUsed(): void;
  /** On the blocking path sync http calls block the whole thread too; remembered so the summary can warn. */
  noteSyncHttpUsed(): void;
}
