// A canary run's requests summed per version over the run: counts, one merged latency histogram and
// the same per service. The comparison reads these, never per-second figures: percentiles of seconds
// cannot be combined, histograms can. Runs in: Node.
import { LatencyHistogram } from '../latency-histogram.ts';
import type { RequestCounts, SeriesPoint } from '../types.ts';

export interface Totals extends RequestCounts {
  latency: LatencyHistogram;
}

export interface VersionTotals extends Totals {
  byService: Map<string, Totals>;
  /** Seconds the points spanned (the rps divisor). */
  seconds: number;
}

export const emptyTotals = (): Totals => ({ requests: 0, failed: 0, latency: new LatencyHistogram() });

export function emptyVersionTotals(): VersionTotals {
  return { ...emptyTotals(), byService: new Map(), seconds: 0 };
}

function add(into: Totals, from: RequestCounts & { latency: LatencyHistogram }): void {
  into.requests += from.requests;
  into.failed += from.failed;
  into.latency.merge(from.latency);
}

/** One service's requests of a version, as totals of their own (a comparison focused on it). */
export function serviceTotals(totals: VersionTotals, service: string): VersionTotals {
  const only = totals.byService.get(service) ?? emptyTotals();
  return { ...only, byService: new Map([[service, only]]), seconds: totals.seconds };
}

/** Adds `from` into `into` (earlier steps' v1 traffic pooled as one reference). */
export function mergeVersionTotals(into: VersionTotals, from: VersionTotals): VersionTotals {
  add(into, from);
  into.seconds += from.seconds;
  for (const [name, totals] of from.byService) {
    const service = into.byService.get(name) ?? emptyTotals();
    add(service, totals);
    into.byService.set(name, service);
  }
  return into;
}

/** Every request tagged `version` over the points whose span starts at or after `fromMs` (Unix ms). */
export function versionTotals(
  points: readonly SeriesPoint[],
  version: string,
  fromMs = Number.NEGATIVE_INFINITY,
): VersionTotals {
  const totals = emptyVersionTotals();
  const counted = points.filter((point) => point.t * 1000 >= fromMs);
  for (const point of counted) {
    const slice = point.byVersion?.[version];
    if (!slice) continue;
    add(totals, slice);
    for (const [name, group] of Object.entries(slice.byService)) {
      const service = totals.byService.get(name) ?? emptyTotals();
      add(service, group);
      totals.byService.set(name, service);
    }
  }
  const first = counted[0];
  const last = counted[counted.length - 1];
  totals.seconds = first && last ? last.t + last.spanS - first.t : 0;
  return totals;
}
