// deploy/prometheus/alert-rules.yaml, the platform's four alerts as a PrometheusRule: the object has
// the shape the Prometheus Operator accepts and the labels kube-prometheus-stack selects on, its rules
// pass `promtool check rules`, its promtool unit tests (tests/alert-rules.test.yaml) pass and would
// fail on a changed threshold, and its thresholds, durations and severities are exactly the ones
// below — the numbers the soak's verdict judges too, so the two cannot drift apart silently.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { PROMTOOL_BIN, prometheusSkip } from '../../support/prometheus.ts';
import { type K8sObject, readYamlDocuments, schemaProblems } from './helpers/deploy-manifests.ts';

const RULES_FILE = 'deploy/prometheus/alert-rules.yaml';
const PROMTOOL_TESTS = 'deploy/prometheus/tests/alert-rules.test.yaml';

/** The platform's alert rules (its test plan, section 3.2); the verdict uses the same numbers. */
const PLATFORM_ALERTS = {
  HighErrorRate: { comparison: '>', threshold: 0.01, for: '5m', severity: 'critical', window: '5m' },
  HighLatency: { comparison: '>', threshold: 1000, for: '5m', severity: 'warning', window: '5m' },
  PodDown: { comparison: '<', threshold: undefined, for: '5m', severity: 'critical', window: undefined },
  CircuitBreakerOpen: { comparison: '>', threshold: 0, for: '2m', severity: 'warning', window: '1m' },
} as const;

interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
interface RuleGroup {
  name: string;
  interval: string;
  rules: AlertRule[];
}

const object = readYamlDocuments(RULES_FILE)[0] as K8sObject & { spec: { groups: RuleGroup[] } };
const group = () => object.spec.groups[0]!;
const rule = (name: string) => group().rules.find((r) => r.alert === name)!;

/** `<lhs> > 0.01` → ['>', 0.01]: the comparison the whole expression ends in. */
function trailingComparison(expr: string): [string, number] | undefined {
  const m = /(>|<|>=|<=)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(expr.trim());
  return m ? [m[1]!, Number(m[2])] : undefined;
}

/** The PrometheusRule's groups as a plain rules file promtool reads, in a fresh folder. */
function writeRulesFile(groups: RuleGroup[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'alert-rules-'));
  writeFileSync(path.join(dir, 'alert-rules.rules.yaml'), stringify({ groups }));
  copyFileSync(PROMTOOL_TESTS, path.join(dir, 'alert-rules.test.yaml'));
  return dir;
}

describe('alert rules PrometheusRule', () => {
  it('is a PrometheusRule the operator accepts, labelled for kube-prometheus-stack to select', () => {
    expect(object.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(object.kind).toBe('PrometheusRule');
    expect(schemaProblems(object)).toEqual([]);
    expect(object.metadata.namespace).toBeTruthy();
    // kube-prometheus-stack's default ruleSelector for a Helm release named "prometheus".
    const ruleSelector = { matchLabels: { release: 'prometheus' } };
    expect(object.metadata.labels).toMatchObject(ruleSelector.matchLabels);
  });

  it('has the group ecommerce-services, evaluated every 30 s, with the four platform alerts', () => {
    expect(object.spec.groups).toHaveLength(1);
    expect(group().name).toBe('ecommerce-services');
    expect(group().interval).toBe('30s');
    expect(
      group()
        .rules.map((r) => r.alert)
        .sort(),
    ).toEqual(Object.keys(PLATFORM_ALERTS).sort());
  });

  it.each(Object.entries(PLATFORM_ALERTS))(
    '%s has the platform threshold, duration and severity',
    (name, want) => {
      const r = rule(name);
      expect(r.for).toBe(want.for);
      expect(r.labels).toEqual({ severity: want.severity });
      if (want.threshold !== undefined)
        expect(trailingComparison(r.expr)).toEqual([want.comparison, want.threshold]);
      if (want.window) expect(r.expr).toContain(`[${want.window}]`);
      expect(r.annotations.summary).toBeTruthy();
      expect(r.annotations.description).toBeTruthy();
    },
  );

  it('measures what the platform names, per service', () => {
    expect(rule('HighErrorRate').expr).toMatch(/response_code=~"5\.\."/);
    expect(rule('HighErrorRate').expr).toMatch(/sum by \(destination_service_name\)/);
    expect(rule('HighLatency').expr).toMatch(
      /histogram_quantile\(0\.95,[\s\S]*istio_request_duration_milliseconds_bucket/,
    );
    expect(rule('PodDown').expr.replace(/\s+/g, ' ').trim()).toBe(
      'kube_deployment_status_replicas_available{namespace="ecommerce"} < kube_deployment_spec_replicas{namespace="ecommerce"}',
    );
    expect(rule('CircuitBreakerOpen').expr).toMatch(/response_flags=~"\.\*UO\.\*"/);
  });

  it('has a promtool test for every alert that shows it firing and not firing', () => {
    const tests = parseYaml(readFileSync(PROMTOOL_TESTS, 'utf8')) as {
      tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
    };
    const cases = tests.tests.flatMap((t) => t.alert_rule_test);
    for (const name of Object.keys(PLATFORM_ALERTS)) {
      const mine = cases.filter((c) => c.alertname === name);
      expect(
        mine.some((c) => c.exp_alerts.length === 0),
        `${name} not firing`,
      ).toBe(true);
      expect(
        mine.some((c) => c.exp_alerts.length > 0),
        `${name} firing`,
      ).toBe(true);
    }
  });
});

describe.skipIf(prometheusSkip('alert rules under promtool', 'promtool'))(
  'alert rules under promtool',
  () => {
    it('pass promtool check rules', () => {
      const dir = writeRulesFile(object.spec.groups);
      const check = spawnSync(PROMTOOL_BIN!, ['check', 'rules', 'alert-rules.rules.yaml'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(check.stdout + check.stderr).toMatch(/SUCCESS: 4 rules found/);
      expect(check.status).toBe(0);
    });

    it('pass their promtool unit tests (firing after `for`, not before, not just under the threshold)', () => {
      const dir = writeRulesFile(object.spec.groups);
      const test = spawnSync(PROMTOOL_BIN!, ['test', 'rules', 'alert-rules.test.yaml'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(test.stdout + test.stderr).toMatch(/SUCCESS/);
      expect(test.status).toBe(0);
    });

    it('the unit tests catch a changed threshold or duration', () => {
      const mutations: [string, (r: AlertRule) => void][] = [
        [
          'HighErrorRate',
          (r) => {
            r.expr = r.expr.replace('> 0.01', '> 0.02');
          },
        ],
        [
          'HighLatency',
          (r) => {
            r.for = '10m';
          },
        ],
        [
          'CircuitBreakerOpen',
          (r) => {
            r.for = '1m';
          },
        ],
      ];
      for (const [name, mutate] of mutations) {
        const groups = structuredClone(object.spec.groups);
        mutate(groups[0]!.rules.find((r) => r.alert === name)!);
        const dir = writeRulesFile(groups);
        const test = spawnSync(PROMTOOL_BIN!, ['test', 'rules', 'alert-rules.test.yaml'], {
          cwd: dir,
          encoding: 'utf8',
        });
        expect(test.status, `${name} mutated`).not.toBe(0);
        expect(test.stdout + test.stderr).toContain(`alertname: ${name}`);
      }
    });
  },
);
