// When the target is back inside its reference band after a disturbance, and stays there: the
// recovery rule shared by chaos faults and the spike profile (method in docs/analysis.md).
// Runs in: Node.
import { LatencyHistogram } from '../latency-histogram.ts';
import type { SeriesPoint } from '../types.ts';
import { MIN_STAY_AT_END_S, STAY_S } from './limits.ts';
import { insideBand, type RecoveryBand } from './recovery-band.ts';

/**
 * Start (Unix ms) of the first point at or after the second containing `fromMs` that is inside
 * the band on its own and from which the next STAY_S seconds — or the rest of the series, when
 * that is at least MIN_STAY_AT_END_S — are gap-free, have requests every span, and are inside the
 * band as a whole. Only points starting before `untilMs` (e.g. the next fault) are candidates.
 * null when no point qualifies (never recovered, or outage to the end).
 */
export function recoveredAtMs(
  points: readonly SeriesPoint[],
  fromMs: number,
  band: RecoveryBand,
  untilMs = Number.POSITIVE_INFINITY,
): number | null {
  const firstT = Math.floor(fromMs / 1000);
  for (let i = 0; i < points.length; i++) {
    const start = points[i];
    if (start.t < firstT) continue;
    if (start.t * 1000 >= untilMs) break;
    if (!insideBand(band, start.requests, start.failed, start.latency)) continue;
    if (staysInside(points, i, band)) return start.t * 1000;
  }
  return null;
}

/** The stays rule from points[i] on; a missing second or a span without requests breaks it. */
function staysInside(points: readonly SeriesPoint[], i: number, band: RecoveryBand): boolean {
  const latency = new LatencyHistogram();
  let requests = 0;
  let failed = 0;
  let coveredS = 0;
  let expectedT = points[i].t;
  for (let j = i; j < points.length && coveredS < STAY_S; j++) {
    const p = points[j];
    if (p.t !== expectedT || p.requests <= 0) return false;
    latency.merge(p.latency);
    requests += p.requests;
    failed += p.failed;
    coveredS += p.spanS;
    expectedT = p.t + p.spanS;
  }
  if (coveredS < MIN_STAY_AT_END_S) return false;
  return insideBand(band, requests, failed, latency);
}
