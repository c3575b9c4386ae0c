// Per-second event-loop delay of a runner thread as the gauge `local_event_loop_delay` (p99 ms of the
// last second beyond the monitor's 10 ms sampling interval), so the time series shows *when* the
// generator itself lagged and the verdict can mark that window inconclusive instead of blaming the
// target. Runs in: runner main and VU threads.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricRegistry } from './metrics/registry.ts';

export const LOOP_DELAY_METRIC = 'local_event_loop_delay';
/** Sampling interval of the delay monitor, ms; its readings include it, the gauge does not. */
const RESOLUTION_MS = 10;

export class LoopDelayGauge {
  readonly #histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  readonly #registry: MetricRegistry;

  constructor(registry: MetricRegistry) {
    this.#registry = registry;
    registry.define(LOOP_DELAY_METRIC, 'gauge', 'time');
  }

  start(): void {
    this.#histogram.enable();
  }

  /**
   * Records the p99 delay beyond the sampling interval since the previous sample (ms), then resets;
   * returns it for the live lag watch (0 when the monitor saw no turn yet).
   */
  sample(): number {
    if (this.#histogram.count === 0) return 0;
    const lateMs = Math.max(0, this.#histogram.percentile(99) / 1e6 - RESOLUTION_MS);
    this.#registry.add(LOOP_DELAY_METRIC, lateMs, {});
    this.#histogram.reset();
    return lateMs;
  }

  stop(): void {
    this.#histogram.disable();
  }
}
