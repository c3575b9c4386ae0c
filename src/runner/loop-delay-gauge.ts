// Per-second event-loop delay of a runner thread as the gauge `local_event_loop_delay` (p99 ms of
// the last second), so the time series shows *when* the generator itself lagged and the verdict can
// mark that window inconclusive instead of blaming the target. Runs in: runner main and VU threads.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricRegistry } from './metrics/registry.ts';

export const LOOP_DELAY_METRIC = 'local_event_loop_delay';

export class LoopDelayGauge {
  readonly #histogram = monitorEventLoopDelay({ resolution: 10 });
  readonly #registry: MetricRegistry;

  constructor(registry: MetricRegistry) {
    this.#registry = registry;
    registry.define(LOOP_DELAY_METRIC, 'gauge', 'time');
  }

  start(): void {
    this.#histogram.enable();
  }

  /** Records the p99 delay since the previous sample (ms) and starts a new interval. */
  sample(): void {
    if (this.#histogram.count === 0) return;
    this.#registry.add(LOOP_DELAY_METRIC, this.#histogram.percentile(99) / 1e6, {});
    this.#histogram.reset();
  }

  stop(): void {
    this.#histogram.disable();
  }
}
