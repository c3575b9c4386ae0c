// The verdict's alert numbers (src/results/alerts/alert-rules.ts) and the rules a Prometheus loads
// (deploy/prometheus/alert-rules.yaml) are the same: severity, `for`, rate window and threshold of
// every alert, so a verdict never says "would not have fired" about an alert that would fire.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ALERT_RULES,
  ERROR_RATE_THRESHOLD,
  EVALUATION_INTERVAL_MS,
  LATENCY_P95_THRESHOLD_MS,
  OVERFLOW_RATE_THRESHOLD,
} from '../../../../src/results/alerts/alert-rules.ts';
import { parsePromDurationS } from '../../../../src/results/resources/prometheus-api.ts';

interface DeployedRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: string };
}
interface Group {
  name: string;
  interval: string;
  rules: DeployedRule[];
}

const rules = parse(readFileSync('deploy/prometheus/alert-rules.yaml', 'utf8')) as {
  spec: { groups: Group[] };
};
const group = rules.spec.groups[0]!;
const deployed = (name: string) => {
  const rule = group.rules.find((r) => r.alert === name);
  if (!rule) throw new Error(`deploy/prometheus/alert-rules.yaml has no alert ${name}`);
  return rule;
};
const THRESHOLDS: Record<string, number | undefined> = {
  HighErrorRate: ERROR_RATE_THRESHOLD,
  HighLatency: LATENCY_P95_THRESHOLD_MS,
  CircuitBreakerOpen: OVERFLOW_RATE_THRESHOLD,
  PodDown: undefined,
};

describe('alert rules: verdict and deploy/prometheus agree', () => {
  it('group ecommerce-services, evaluated every 30 s', () => {
    expect(group.name).toBe('ecommerce-services');
    expect((parsePromDurationS(group.interval) ?? 0) * 1000).toBe(EVALUATION_INTERVAL_MS);
  });

  it.each(ALERT_RULES.map((rule) => [rule.name, rule] as const))('%s', (name, rule) => {
    const other = deployed(name);
    expect(other.labels.severity).toBe(rule.severity);
    expect((parsePromDurationS(other.for) ?? 0) * 1000).toBe(rule.forMs);
    const windows = [...other.expr.matchAll(/\[(\w+)\]/g)].map((m) => (parsePromDurationS(m[1]) ?? 0) * 1000);
    expect(new Set(windows)).toEqual(new Set(rule.windowMs > 0 ? [rule.windowMs] : []));
    const threshold = THRESHOLDS[name];
    if (threshold !== undefined) expect(other.expr.trim()).toMatch(new RegExp(`>\\s*${threshold}$`));
  });
});
