// Where the load generator, not the target, limited the run: spans whose iteration start lag
// (arrival-rate executors of the local runner) exceeded START_LAG_LIMIT_MS. Figures from those
// spans do not blame the target. Runs in: Node.
import type { SeriesPoint } from '../types.ts';
import { START_LAG_LIMIT_MS } from './limits.ts';

/** A span of the run, Unix ms [fromMs, toMs). */
export interface TimeSpan {
  fromMs: number;
  toMs: number;
}

/** Lagging points merged into spans; touching or overlapping spans become one. */
export function generatorLagWindows(points: readonly SeriesPoint[]): TimeSpan[] {
  const spans: TimeSpan[] = [];
  for (const p of points) {
    if (p.startLagP99Ms === null || !(p.startLagP99Ms > START_LAG_LIMIT_MS)) continue;
    const fromMs = p.t * 1000;
    const toMs = (p.t + p.spanS) * 1000;
    const last = spans[spans.length - 1];
    if (last && fromMs <= last.toMs) last.toMs = Math.max(last.toMs, toMs);
    else spans.push({ fromMs, toMs });
  }
  return spans;
}

/** True when any span overlaps [fromMs, toMs). */
export function overlapsLag(lag: readonly TimeSpan[], fromMs: number, toMs: number): boolean {
  return lag.some((span) => span.fromMs < toMs && span.toMs > fromMs);
}
