// Would a per-service alert rule have fired during the run? The rule is evaluated the way Prometheus
// does it, on the run's own series: every 30 s (the group's interval) its condition is computed per
// service over the trailing rate window, and it fires once the condition has held at every
// evaluation for the rule's `for`. Seconds are first summed into 30 s steps, so a 24-hour soak costs
// 2,880 evaluations, not 86,400 windows. Pure. Runs in: Node.
import { LatencyHistogram } from '../latency-histogram.ts';
import type { SeriesPoint } from '../types.ts';
import {
  type AlertRule,
  CIRCUIT_BREAKER_OPEN,
  ERROR_RATE_THRESHOLD,
  EVALUATION_INTERVAL_MS,
  HIGH_ERROR_RATE,
  HIGH_LATENCY,
  LATENCY_P95_THRESHOLD_MS,
  OVERFLOW_RATE_THRESHOLD,
} from './alert-rules.ts';

/** The rules the run's own series can evaluate (PodDown needs Prometheus' kube-state series). */
export const SERIES_ALERT_RULES = [HIGH_ERROR_RATE, HIGH_LATENCY, CIRCUIT_BREAKER_OPEN] as const;
type SeriesRule = (typeof SERIES_ALERT_RULES)[number];

export interface ServiceAlertResult {
  service: string;
  /** Longest time the condition held at consecutive evaluations (last − first true evaluation), ms. */
  heldMs: number;
  /** Evaluations of that longest stretch, Unix ms; null when the condition never held. */
  held: { fromMs: number; toMs: number } | null;
  fired: boolean;
  /** Highest value the condition compared (error share, p95 ms, overflows/s); null: no requests. */
  peak: number | null;
}

export interface AlertEvaluation {
  rule: AlertRule;
  /** False when the run is shorter than the rule's window + for: Prometheus could not have fired it. */
  evaluable: boolean;
  /** Services by longest hold, then highest peak. */
  services: ServiceAlertResult[];
}

interface Step {
  requests: number;
  failed: number;
  overflows: number;
  latency?: LatencyHistogram;
}

/** The value the rule compares over one window of steps, or null when the window had no requests. */
function windowValue(rule: SeriesRule, steps: readonly (Step | undefined)[], windowS: number): number | null {
  let requests = 0;
  let failed = 0;
  let overflows = 0;
  const latency = rule === HIGH_LATENCY ? new LatencyHistogram() : undefined;
  for (const step of steps) {
    if (!step) continue;
    requests += step.requests;
    failed += step.failed;
    overflows += step.overflows;
    if (latency && step.latency) latency.merge(step.latency);
  }
  if (rule === CIRCUIT_BREAKER_OPEN) return overflows / windowS;
  if (requests === 0) return null;
  return rule === HIGH_ERROR_RATE ? failed / requests : (latency?.quantile(0.95) ?? null);
}

function exceeds(rule: SeriesRule, value: number): boolean {
  if (rule === HIGH_ERROR_RATE) return value > ERROR_RATE_THRESHOLD;
  if (rule === HIGH_LATENCY) return value > LATENCY_P95_THRESHOLD_MS;
  return value > OVERFLOW_RATE_THRESHOLD;
}

/** Per service, the run's points summed into evaluation-interval steps from `runStartMs`. */
function stepsPerService(
  points: readonly SeriesPoint[],
  runStartMs: number,
  stepCount: number,
  withLatency: boolean,
): Map<string, (Step | undefined)[]> {
  const byService = new Map<string, (Step | undefined)[]>();
  const stepOf = (service: string, k: number): Step => {
    let steps = byService.get(service);
    if (!steps) {
      steps = new Array<Step | undefined>(stepCount);
      byService.set(service, steps);
    }
    steps[k] ??= { requests: 0, failed: 0, overflows: 0 };
    return steps[k]!;
  };
  for (const point of points) {
    const k = Math.floor((point.t * 1000 - runStartMs) / EVALUATION_INTERVAL_MS);
    if (k < 0 || k >= stepCount) continue;
    for (const [service, slice] of Object.entries(point.byService)) {
      const step = stepOf(service, k);
      step.requests += slice.requests;
      step.failed += slice.failed;
      if (!withLatency) continue;
      step.latency ??= new LatencyHistogram();
      step.latency.merge(slice.latency);
    }
    for (const [service, count] of Object.entries(point.overflowsByService ?? {}))
      stepOf(service, k).overflows += count;
  }
  return byService;
}

export function evaluateSeriesAlert(
  rule: SeriesRule,
  points: readonly SeriesPoint[],
  runStartMs: number,
  seriesEndMs: number,
): AlertEvaluation {
  const interval = EVALUATION_INTERVAL_MS;
  const stepCount = Math.max(0, Math.floor((seriesEndMs - runStartMs) / interval));
  const windowSteps = Math.max(1, Math.round(rule.windowMs / interval));
  const steps = stepsPerService(points, runStartMs, stepCount, rule === HIGH_LATENCY);
  const services: ServiceAlertResult[] = [];
  for (const [service, serviceSteps] of steps) {
    const result: ServiceAlertResult = { service, heldMs: 0, held: null, fired: false, peak: null };
    let pendingSinceMs: number | null = null;
    // The first evaluation with a whole window behind it; earlier ones would rate a partial window.
    for (let k = windowSteps - 1; k < stepCount; k++) {
      const atMs = runStartMs + (k + 1) * interval;
      const value = windowValue(rule, serviceSteps.slice(k - windowSteps + 1, k + 1), rule.windowMs / 1000);
      if (value !== null && (result.peak === null || value > result.peak)) result.peak = value;
      if (value === null || !exceeds(rule, value)) {
        pendingSinceMs = null;
        continue;
      }
      pendingSinceMs ??= atMs;
      const heldMs = atMs - pendingSinceMs;
      if (result.held === null || heldMs > result.heldMs) {
        result.heldMs = heldMs;
        result.held = { fromMs: pendingSinceMs, toMs: atMs };
      }
    }
    result.fired = result.held !== null && result.heldMs >= rule.forMs;
    services.push(result);
  }
  services.sort(
    (a, b) => b.heldMs - a.heldMs || (b.peak ?? -1) - (a.peak ?? -1) || (a.service < b.service ? -1 : 1),
  );
  return {
    rule,
    evaluable: seriesEndMs - runStartMs >= rule.windowMs + rule.forMs,
    services,
  };
}
