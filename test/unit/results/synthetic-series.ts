// Builds run series with known answers for the analysis tests: one spec per second (rate, error
// rate, p95, service split, VUs, phase, generator lag), with optional seeded noise. Each latency
// histogram holds 90 % of its mass at half the p95 and 10 % at the p95, so its p95 is the spec's.
import { LatencyHistogram } from '../../../src/results/latency-histogram.ts';
import type { RequestCounts, RunSeries, SeriesPoint } from '../../../src/results/types.ts';

export interface SecondSpec {
  /** Requests completed in the second (0: a point without requests). */
  rps: number;
  /** Share of failed requests, 0..1 (default 0); per service when serviceErrorRates names it. */
  errorRate?: number;
  p95Ms?: number;
  /** Share of the requests per service (default DEFAULT_SERVICES). */
  services?: Record<string, number>;
  serviceErrorRates?: Record<string, number>;
  serviceP95Ms?: Record<string, number>;
  vus?: number | null;
  phase?: string;
  startLagMs?: number | null;
  /** Iterations completed (default rps). */
  iterations?: number;
  overflows?: number;
}

export const DEFAULT_SERVICES: Record<string, number> = {
  'customer-service': 0.25,
  'product-service': 0.5,
  'order-service': 0.25,
};
const OPERATION_OF: Record<string, string> = {
  'customer-service': 'customer_read',
  'product-service': 'product_read',
  'order-service': 'order_create',
  'payment-service': 'payment',
};
export const START_T = 1_700_000_000;

/** Seeded PRNG (mulberry32), uniform in [0, 1): the same seed always gives the same noise. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let r = Math.imul(state ^ (state >>> 15), 1 | state);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface NoiseOptions {
  random: () => number;
  /** p95 varies by ± this share (uniform), e.g. 0.2. */
  p95Jitter: number;
}

/** `count` copies of `spec`. */
export function seconds(count: number, spec: SecondSpec | null): (SecondSpec | null)[] {
  return Array.from({ length: count }, () => spec);
}

/** Points from per-second specs; null leaves the second without a point (nothing was recorded). */
export function buildSeries(
  specs: readonly (SecondSpec | null)[],
  options: { startT?: number; noise?: NoiseOptions } = {},
): RunSeries {
  const startT = options.startT ?? START_T;
  const points: SeriesPoint[] = [];
  specs.forEach((spec, i) => {
    if (spec) points.push(buildPoint(startT + i, spec, options.noise));
  });
  return { points, startT: points[0]?.t ?? 0, endT: points[points.length - 1]?.t ?? 0 };
}

type Group = RequestCounts & { latency: LatencyHistogram };

function buildPoint(t: number, spec: SecondSpec, noise?: NoiseOptions): SeriesPoint {
  const byService: Record<string, Group> = {};
  const byOperation: Record<string, Group> = {};
  const total: Group = { requests: 0, failed: 0, latency: new LatencyHistogram() };
  for (const [service, share] of Object.entries(spec.services ?? DEFAULT_SERVICES)) {
    const requests = Math.round(spec.rps * share);
    const errorRate = spec.serviceErrorRates?.[service] ?? spec.errorRate ?? 0;
    const p95Ms = jitter(spec.serviceP95Ms?.[service] ?? spec.p95Ms ?? 100, noise);
    const group = groupOf(requests, failures(requests, errorRate, noise), p95Ms);
    byService[service] = group;
    byOperation[OPERATION_OF[service] ?? `${service}_op`] = groupOf(group.requests, group.failed, p95Ms);
    total.requests += group.requests;
    total.failed += group.failed;
    total.latency.merge(group.latency);
  }
  return {
    t,
    spanS: 1,
    requests: total.requests,
    failed: total.failed,
    latency: total.latency,
    vus: spec.vus ?? null,
    iterations: spec.iterations ?? total.requests,
    droppedIterations: 0,
    overflows: spec.overflows ?? 0,
    startLagP99Ms: spec.startLagMs ?? null,
    phase: spec.phase ?? '',
    byService,
    byOperation,
  };
}

function groupOf(requests: number, failed: number, p95Ms: number): Group {
  const latency = new LatencyHistogram();
  latency.add(p95Ms / 2, requests * 0.9);
  latency.add(p95Ms, requests * 0.1);
  return { requests, failed, latency };
}

/** Exact share without noise; a binomial draw with it. */
function failures(requests: number, errorRate: number, noise?: NoiseOptions): number {
  if (!noise) return Math.round(requests * errorRate);
  let failed = 0;
  for (let k = 0; k < requests; k++) if (noise.random() < errorRate) failed++;
  return failed;
}

function jitter(valueMs: number, noise?: NoiseOptions): number {
  return noise ? valueMs * (1 + (noise.random() * 2 - 1) * noise.p95Jitter) : valueMs;
}
