// Canary run series with known answers: per second, v1 and v2 requests with seeded log-normal
// latencies and seeded failures, kept per version (and service) as the series reader keeps them.
import { LatencyHistogram } from '../../../../src/results/latency-histogram.ts';
import type { SeriesPoint, VersionSlice } from '../../../../src/results/types.ts';
import { createRandom, type RandomSource } from '../../../../src/vu/seeded-random.ts';

export interface VersionSpec {
  /** Requests per second. */
  rps: number;
  medianMs: number;
  /** Log-spread of the latencies. */
  sigma?: number;
  /** Share of failed requests, 0..1. */
  errorRate?: number;
  service?: string;
}

export const START_T = 1_700_000_000;

function logNormal(random: RandomSource, medianMs: number, sigma: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return medianMs * Math.exp(sigma * z);
}

function sliceOf(random: RandomSource, spec: VersionSpec): VersionSlice {
  const latency = new LatencyHistogram();
  let failed = 0;
  for (let i = 0; i < spec.rps; i++) {
    latency.add(logNormal(random, spec.medianMs, spec.sigma ?? 0.5));
    if (random() < (spec.errorRate ?? 0)) failed++;
  }
  const service = { requests: spec.rps, failed, latency: new LatencyHistogram().merge(latency) };
  return { requests: spec.rps, failed, latency, byService: { [spec.service ?? 'order-service']: service } };
}

/** `seconds` points with v1 and v2 traffic as specified (v2 optional: a run without canary traffic). */
export function canaryPoints(
  seconds: number,
  versions: { v1?: VersionSpec; v2?: VersionSpec },
  seed = 1,
): SeriesPoint[] {
  const random = createRandom(seed);
  return Array.from({ length: seconds }, (_, i) => {
    const byVersion: Record<string, VersionSlice> = {};
    if (versions.v1) byVersion.v1 = sliceOf(random, versions.v1);
    if (versions.v2) byVersion.v2 = sliceOf(random, versions.v2);
    const slices = Object.values(byVersion);
    return {
      t: START_T + i,
      spanS: 1,
      requests: slices.reduce((sum, s) => sum + s.requests, 0),
      failed: slices.reduce((sum, s) => sum + s.failed, 0),
      latency: LatencyHistogram.merged(slices.map((s) => s.latency)),
      vus: null,
      iterations: 0,
      droppedIterations: 0,
      overflows: 0,
      startLagP99Ms: null,
      phase: '',
      byService: {},
      byOperation: {},
      byVersion,
    };
  });
}
