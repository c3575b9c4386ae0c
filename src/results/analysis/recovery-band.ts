// The band a recovery is measured against: how slow and how error-prone the target was in a
// reference window before a fault or a spike, widened by a factor and a slack so ordinary noise
// stays inside. Runs in: Node.
import { LatencyHistogram } from '../latency-histogram.ts';
import { pointsIn } from '../slice-stats.ts';
import type { SeriesPoint } from '../types.ts';
import {
  BAND_ERROR_FACTOR,
  BAND_ERROR_SLACK,
  BAND_P95_FACTOR,
  BAND_P95_SLACK_MS,
  MIN_BAND_S,
} from './limits.ts';

export interface RecoveryBand {
  /** Highest p95 (ms) still inside the band. */
  p95MaxMs: number;
  /** Highest error rate (0..1) still inside the band. */
  errorRateMax: number;
}

/**
 * The band drawn from every request in [fromMs, toMs): reference p95 of the merged per-second
 * histograms and reference error rate failed/requests. null when fewer than MIN_BAND_S seconds
 * with requests fall in the window (too short to judge).
 */
export function referenceBand(
  points: readonly SeriesPoint[],
  fromMs: number,
  toMs: number,
): RecoveryBand | null {
  const slice = pointsIn(points, fromMs, toMs).filter((p) => p.requests > 0);
  const seconds = slice.reduce((sum, p) => sum + p.spanS, 0);
  if (seconds < MIN_BAND_S) return null;
  const latency = LatencyHistogram.merged(slice.map((p) => p.latency));
  const requests = slice.reduce((sum, p) => sum + p.requests, 0);
  const failed = slice.reduce((sum, p) => sum + p.failed, 0);
  const p95 = latency.quantile(0.95) ?? 0;
  const errorRate = failed / requests;
  return {
    p95MaxMs: Math.max(BAND_P95_FACTOR * p95, p95 + BAND_P95_SLACK_MS),
    errorRateMax: Math.max(BAND_ERROR_FACTOR * errorRate, errorRate + BAND_ERROR_SLACK),
  };
}

/** True when a slice with these figures lies inside the band; a slice without requests never does. */
export function insideBand(
  band: RecoveryBand,
  requests: number,
  failed: number,
  latency: LatencyHistogram,
): boolean {
  if (requests <= 0) return false;
  return failed / requests <= band.errorRateMax && (latency.quantile(0.95) ?? 0) <= band.p95MaxMs;
}
