// The run-wide facts every analysis reads: where the scenario started and the series ends, the
// warm-up left out of reference bands, the load scale and the generator-lag spans. Runs in: Node.
import type { RunSeries } from '../types.ts';
import { generatorLagWindows, type TimeSpan } from './generator-lag.ts';
import { WARM_UP_MAX_MS, WARM_UP_SHARE } from './limits.ts';

export interface AnalysisContext {
  /** When the scenario started, Unix ms; phase windows are offsets from it. */
  runStartMs: number;
  /** End of the last point's span, Unix ms (runStartMs for an empty series). */
  seriesEndMs: number;
  /** runStartMs + min(10 % of the run, 30 s): reference bands start here. */
  warmUpEndMs: number;
  /** LOAD_SCALE of the run, 0 < s ≤ 1. */
  loadScale: number;
  lag: TimeSpan[];
}

export function analysisContext(series: RunSeries, runStartMs: number, loadScale: number): AnalysisContext {
  const last = series.points[series.points.length - 1];
  const seriesEndMs = last ? (last.t + last.spanS) * 1000 : runStartMs;
  const runMs = Math.max(0, seriesEndMs - runStartMs);
  return {
    runStartMs,
    seriesEndMs,
    warmUpEndMs: runStartMs + Math.min(runMs * WARM_UP_SHARE, WARM_UP_MAX_MS),
    loadScale,
    lag: generatorLagWindows(series.points),
  };
}
