// Where the load generator, not the target, limited the run: spans whose iteration start lag
// (arrival-rate executors of the local runner) exceeded START_LAG_LIMIT_MS or whose runner event-loop
// delay exceeded LOOP_DELAY_LIMIT_MS. Figures from those spans do not blame the target. Runs in: Node.
import type { SeriesPoint } from '../types.ts';
import { LAGGED_SHARE_LIMIT, LOOP_DELAY_LIMIT_MS, START_LAG_LIMIT_MS } from './limits.ts';

/**
 * One second's verdict on the generator. Per second the start lag's p99 is a single iteration (a GC
 * pause), so its p90 is compared with the runner's limit: a tenth of the iterations started late.
 */
function lagged(p: SeriesPoint): boolean {
  const startLagMs = p.startLagP90Ms ?? p.startLagP99Ms ?? 0;
  return startLagMs > START_LAG_LIMIT_MS || (p.loopDelayP99Ms ?? 0) > LOOP_DELAY_LIMIT_MS;
}

/** A span of the run, Unix ms [fromMs, toMs). */
export interface TimeSpan {
  fromMs: number;
  toMs: number;
}

/** Lagging points merged into spans; touching or overlapping spans become one. */
export function generatorLagWindows(points: readonly SeriesPoint[]): TimeSpan[] {
  const spans: TimeSpan[] = [];
  for (const p of points) {
    if (!lagged(p)) continue;
    const fromMs = p.t * 1000;
    const toMs = (p.t + p.spanS) * 1000;
    const last = spans[spans.length - 1];
    if (last && fromMs <= last.toMs) last.toMs = Math.max(last.toMs, toMs);
    else spans.push({ fromMs, toMs });
  }
  return spans;
}

/**
 * True when the generator lagged for a real share of [fromMs, toMs): at least LAGGED_SHARE_LIMIT of
 * it. One late second (a GC pause, a busy neighbour) does not void a window; sustained lag does.
 */
export function overlapsLag(lag: readonly TimeSpan[], fromMs: number, toMs: number): boolean {
  if (!(toMs > fromMs)) return false;
  let laggedMs = 0;
  for (const span of lag) laggedMs += Math.max(0, Math.min(toMs, span.toMs) - Math.max(fromMs, span.fromMs));
  return laggedMs > 0 && laggedMs / (toMs - fromMs) >= LAGGED_SHARE_LIMIT;
}
