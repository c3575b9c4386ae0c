// The platform's alert rules (test plan §3.2, group `ecommerce-services`, evaluated every 30 s) as
// numbers, so the verdict can say whether each alert would have fired during a run. Keep in step
// with deploy/prometheus/alert-rules.yaml, which a Prometheus loads: error rate > 0.01 over 5m for 5m
// (critical), p95 > 1000 ms over 5m for 5m (warning), PodDown for 5m (critical), UO rate > 0 over 1m
// for 2m (warning) — a change to one is a change to both (test/unit/results/alerts checks they
// match). Runs in: Node.

export type AlertName = 'HighErrorRate' | 'HighLatency' | 'CircuitBreakerOpen' | 'PodDown';

export interface AlertRule {
  name: AlertName;
  /** Criterion id in the verdict. */
  id: string;
  severity: 'critical' | 'warning';
  /** The rule's rate window, ms (`[5m]`); 0 for a rule on a gauge (PodDown). */
  windowMs: number;
  /** How long the condition must hold before the alert fires (`for:`), ms. */
  forMs: number;
  /** The condition, for people: what the rule compares per service. */
  condition: string;
}

const MINUTE_MS = 60_000;

/** The rule group's evaluation interval: conditions are checked at this spacing. */
export const EVALUATION_INTERVAL_MS = 30_000;

/** HighErrorRate: share of failed (5xx) requests per service over 5 m above this. */
export const ERROR_RATE_THRESHOLD = 0.01;
/** HighLatency: per-service p95 over 5 m above this many ms. */
export const LATENCY_P95_THRESHOLD_MS = 1000;
/** CircuitBreakerOpen: rate of 503 UO (pool overflow) answers per service above this. */
export const OVERFLOW_RATE_THRESHOLD = 0;

export const HIGH_ERROR_RATE: AlertRule = {
  name: 'HighErrorRate',
  id: 'alert-high-error-rate',
  severity: 'critical',
  windowMs: 5 * MINUTE_MS,
  forMs: 5 * MINUTE_MS,
  condition: `5xx share over 5m > ${ERROR_RATE_THRESHOLD * 100} %`,
};

export const HIGH_LATENCY: AlertRule = {
  name: 'HighLatency',
  id: 'alert-high-latency',
  severity: 'warning',
  windowMs: 5 * MINUTE_MS,
  forMs: 5 * MINUTE_MS,
  condition: `p95 over 5m > ${LATENCY_P95_THRESHOLD_MS} ms`,
};

/**
 * The plan gives no rate window for UO: deploy/prometheus/alert-rules.yaml rates over 1 m, so the
 * alert ends soon after the overflows do, and the verdict uses the same.
 */
export const CIRCUIT_BREAKER_OPEN: AlertRule = {
  name: 'CircuitBreakerOpen',
  id: 'alert-circuit-breaker-open',
  severity: 'warning',
  windowMs: MINUTE_MS,
  forMs: 2 * MINUTE_MS,
  condition: '503 UO (pool overflow) rate over 1m > 0',
};

export const POD_DOWN: AlertRule = {
  name: 'PodDown',
  id: 'alert-pod-down',
  severity: 'critical',
  windowMs: 0,
  forMs: 5 * MINUTE_MS,
  condition: 'available replicas < desired replicas',
};

export const ALERT_RULES: readonly AlertRule[] = [
  HIGH_ERROR_RATE,
  HIGH_LATENCY,
  CIRCUIT_BREAKER_OPEN,
  POD_DOWN,
];
