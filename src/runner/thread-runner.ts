// Runs this thread's share of every scenario: builds the VU host (registry, checks tree, HTTP agent,
// sync HTTP helper), initializes the VUs up front, then starts each scenario's executor at its
// startTime. Used in-process (workers = 1) and inside each worker thread. Runs in: VU thread.
import type { Agent } from 'undici';
import { CheckTree } from './check-tree.ts';
import { type ExecutorContext, nowEpochMs, share, waitUntil } from './executors/executor-context.ts';
import { EXECUTOR_BY_NAME } from './executors/executors.ts';
import { HealthCounters } from './generator-health.ts';
import { START_LAG_METRIC } from './run-warnings.ts';
import { closeAgent, createHttpAgent } from './http/http-agent.ts';
import { SyncHttpClient } from './http/sync-http-client.ts';
import type { CompiledScript } from './load-script.ts';
import { MetricRegistry } from './metrics/registry.ts';
import type { MetricType, ValueContains } from './metrics/types.ts';
import { type Scenario, scenarioDurationMs, scenarioVus } from './options/scenario-types.ts';
import type { ScenarioState } from './vu.ts';
import type { LogLevel, VuHost } from './vu-host.ts';
import { VuPool } from './vu-pool.ts';

/** Everything a thread needs to run its share (structured-clone safe for workers). */
export interface ThreadConfig {
  scenarios: Scenario[];
  env: Record<string, string>;
  globalTags: Record<string, string>;
  options: Record<string, unknown>;
  discardResponseBodies: boolean;
  /** Sub-metric keys declared by thresholds. */
  submetricKeys: string[];
  /** Custom metrics the init context defined (workers define them before declaring sub-metrics). */
  customMetrics: { name: string; type: MetricType; contains: ValueContains }[];
  segment: { index: number; count: number };
  /** Keep per-second buckets (a time series file was asked for). */
  timeSeries: boolean;
  /** `--out json`: workers encode every sample (the main thread taps its own registry). */
  outJson: boolean;
  /** `--out experimental-prometheus-rw`: workers aggregate per-series deltas for the main thread. */
  prometheusRw: boolean;
}

export interface ThreadHooks {
  log(level: LogLevel, message: string): void;
  abortTest(reason: string): void;
  noteSleepUsed(): void;
  noteSyncHttpUsed(): void;
}

/** Peak number of VUs this thread needs at once, from each scenario's window and initial VUs. */
function peakInitialVus(config: ThreadConfig): number {
  const { index, count } = config.segment;
  const events: [number, number][] = [];
  for (const s of config.scenarios) {
    const vus = scenarioVus(s);
    const stripes = Math.min(count, Math.max(1, vus.max));
    const mine = index < stripes ? share(vus.initial, index, stripes) : 0;
    events.push([s.startTimeMs, mine], [s.startTimeMs + scenarioDurationMs(s) + s.gracefulStopMs, -mine]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** Every metric the registry knows (built-ins included; defining them again is a no-op). */
export function describeMetrics(registry: MetricRegistry): ThreadConfig['customMetrics'] {
  return registry
    .metricNames()
    .filter((name) => !name.includes('{'))
    .map((name) => registry.describe(name))
    .filter((d) => d !== undefined)
    .map((d) => ({ name: d.name, type: d.type, contains: d.contains }));
}

export function declareMetrics(registry: MetricRegistry, submetricKeys: readonly string[]): void {
  registry.define(START_LAG_METRIC, 'trend', 'time');
  for (const key of submetricKeys) if (key.includes('{')) registry.defineSubmetric(key);
}

export class ThreadRunner {
  readonly host: VuHost;
  readonly pool: VuPool;
  readonly agent: Agent;
  readonly #config: ThreadConfig;
  readonly #ownsAgent: boolean;

  constructor(
    script: CompiledScript,
    config: ThreadConfig,
    hooks: ThreadHooks,
    shared?: { registry: MetricRegistry; checks: CheckTree; agent: Agent },
  ) {
    this.#config = config;
    this.#ownsAgent = !shared;
    const registry = shared?.registry ?? new MetricRegistry({ timeSeries: config.timeSeries });
    if (!shared) {
      for (const m of config.customMetrics) registry.define(m.name, m.type, m.contains);
      declareMetrics(registry, config.submetricKeys);
    }
    this.agent = shared?.agent ?? createHttpAgent();
    this.host = {
      registry,
      checks: shared?.checks ?? new CheckTree(),
      agent: this.agent,
      syncHttp: new SyncHttpClient({ onError: (message) => hooks.log('error', message) }),
      globalTags: Object.freeze({ ...config.globalTags }),
      options: config.options,
      discardResponseBodies: config.discardResponseBodies,
      testStartMs: 0,
      counters: { vusActive: 0, vusInitialized: 0, iterationsCompleted: 0, iterationsInterrupted: 0 },
      health: new HealthCounters(),
      abortTest: hooks.abortTest,
      log: hooks.log,
      noteSleepUsed: hooks.noteSleepUsed,
      noteSyncHttpUsed: hooks.noteSyncHttpUsed,
    };
    const { index, count } = config.segment;
    this.pool = new VuPool(this.host, script, Object.freeze({ ...config.env }), count, index);
  }

  /** Run every VU's init context now (k6 initializes all VUs before setup). */
  prepare(): void {
    this.pool.prepare(peakInitialVus(this.#config));
  }

  /** Run all scenarios from `testStartEpochMs`; resolves when every scenario ended. */
  async run(
    testStartEpochMs: number,
    setupJson: string,
    stopSignal: AbortSignal,
  ): Promise<{ interrupted: number }> {
    this.host.testStartMs = testStartEpochMs;
    const { index, count } = this.#config.segment;
    const results = await Promise.all(
      this.#config.scenarios.map(async (scenario) => {
        const startEpochMs = testStartEpochMs + scenario.startTimeMs;
        await waitUntil(startEpochMs, stopSignal);
        if (stopSignal.aborted) return { interrupted: 0 };
        const durationMs = scenarioDurationMs(scenario);
        let iteration = 0;
        const state: ScenarioState = {
          name: scenario.name,
          executor: scenario.executor,
          startTimeMs: Math.round(startEpochMs),
          tags: Object.freeze({ ...scenario.tags }),
          env: Object.freeze({ ...this.#config.env, ...scenario.env }),
          exec: scenario.exec,
          iterationInInstance: 0,
          nextIterationInTest: () => iteration++ * count + index,
          progress: () =>
            durationMs > 0 ? Math.min(1, Math.max(0, (nowEpochMs() - startEpochMs) / durationMs)) : 1,
        };
        const ctx: ExecutorContext = {
          scenario,
          segment: { index, count },
          pool: this.pool,
          host: this.host,
          state,
          startEpochMs,
          stopSignal,
          setupJson,
        };
        return EXECUTOR_BY_NAME[scenario.executor](ctx);
      }),
    );
    return { interrupted: results.reduce((sum, r) => sum + r.interrupted, 0) };
  }

  /** Close the Agent (when not shared) and stop the sync HTTP helper. */
  async close(): Promise<void> {
    await Promise.all([this.#ownsAgent ? closeAgent(this.agent) : undefined, this.host.syncHttp.close()]);
  }
}
