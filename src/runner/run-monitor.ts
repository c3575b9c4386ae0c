// Periodic work on the main thread while scenarios run: vus/vus_max gauges every second, the
// per-second time series (kept ~2 s behind so late samples land in their second), the progress
// line, and threshold evaluation every 2 s (k6's local rate) with abortOnFail. Also samples the
// event-loop delay so the summary can warn when the generator itself was slow, and hands each second's
// delay to the live lag watch. Runs in: main thread.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LoopDelayGauge } from './loop-delay-gauge.ts';
import type { MetricRegistry } from './metrics/registry.ts';
import type { TimeSeriesLine } from './metrics/types.ts';
import type { ProgressLine } from './progress.ts';
import {
  evaluateThresholds,
  findAbortingThreshold,
  type ThresholdResult,
} from './thresholds/evaluate-thresholds.ts';
import type { ThresholdSpec } from './thresholds/parse-threshold.ts';

export interface MonitorOptions {
  registry: MetricRegistry;
  thresholds: readonly ThresholdSpec[];
  evaluateThresholds: boolean;
  testStartEpochMs: number;
  counters: () => { vus: number; vusMax: number };
  onThresholdAbort: (result: ThresholdResult) => void;
  writeSeconds?: (lines: TimeSeriesLine[]) => void;
  progress?: ProgressLine;
  /** Every second, with this thread's event-loop delay p99 of that second (ms): the live lag watch. */
  onSecond?: (loopDelayMs: number) => void;
}

export class RunMonitor {
  readonly #options: MonitorOptions;
  readonly #eld = monitorEventLoopDelay({ resolution: 10 });
  #timer: NodeJS.Timeout | undefined;
  #first: NodeJS.Timeout | undefined;
  #ticks = 0;
  #stopped = false;
  readonly #loopDelay: LoopDelayGauge;

  constructor(options: MonitorOptions) {
    this.#options = options;
    this.#loopDelay = new LoopDelayGauge(options.registry);
  }

  start(): void {
    this.#eld.enable();
    this.#loopDelay.start();
    // First vus sample once the executors have taken their VUs, then every second like k6.
    this.#first = setTimeout(() => this.#sampleGauges(), 50);
    this.#timer = setInterval(() => this.#tick(), 1000);
    this.#timer.unref();
  }

  /** Stop ticking; flush every remaining second of the time series (once). */
  stop(): void {
    if (this.#stopped) return;
    this.dispose();
    // vus_max stays meaningful after the run (VUs are still allocated); vus would read 0, so it is not sampled.
    this.#options.registry.add('vus_max', this.#options.counters().vusMax, {});
    this.#options.progress?.clear();
    this.#options.writeSeconds?.(this.#options.registry.takeCompletedSeconds(Number.POSITIVE_INFINITY));
  }

  /** Stop the timers and delay monitors only (error path: nothing is flushed); safe to repeat. */
  dispose(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#first);
    this.#eld.disable();
    this.#loopDelay.stop();
  }

  /** p99 event-loop delay of this thread during the run, ms. */
  eventLoopDelayP99Ms(): number {
    return this.#eld.count > 0 ? this.#eld.percentile(99) / 1e6 : 0;
  }

  #sampleGauges(): void {
    const { vus, vusMax } = this.#options.counters();
    this.#options.registry.add('vus', vus, {});
    this.#options.registry.add('vus_max', vusMax, {});
  }

  #tick(): void {
    const o = this.#options;
    this.#ticks++;
    const elapsedMs = Date.now() - o.testStartEpochMs;
    this.#sampleGauges();
    o.onSecond?.(this.#loopDelay.sample());
    o.writeSeconds?.(o.registry.takeCompletedSeconds(Math.floor(Date.now() / 1000) - 2));
    const { vus, vusMax } = o.counters();
    o.progress?.update(elapsedMs, vus, vusMax);
    if (o.evaluateThresholds && this.#ticks % 2 === 0 && o.thresholds.some((t) => t.abortOnFail)) {
      const results = evaluateThresholds(o.thresholds, o.registry, elapsedMs, { skipEmpty: true });
      const failing = findAbortingThreshold(results, elapsedMs);
      if (failing) o.onThresholdAbort(failing);
    }
  }
}
