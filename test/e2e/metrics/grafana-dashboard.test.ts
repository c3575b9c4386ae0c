// deploy/grafana/c4ang-perf.json as Grafana and its users need it: valid JSON, one Prometheus data
// source variable that every panel and query uses, and PromQL that selects only metrics somebody
// sends (the runner's k6_* series, the stand-in's istio/container/kube families). The live side —
// the same queries against a Prometheus after a harness run — is in prometheus-remote-write.test.ts.
import { describe, expect, it } from 'vitest';
import {
  dashboardQueries,
  loadDashboard,
  metricNamesIn,
  queryPanels,
  sentK6Names,
  targetMetricNames,
  unsentNames,
} from './dashboard-metrics.ts';

const dashboard = loadDashboard();
/** Grafana's variable syntax, literally (not a template string). */
const DATASOURCE = { type: 'prometheus', uid: ['$', '{DS_PROMETHEUS}'].join('') };

describe('Grafana dashboard', () => {
  it('is a recent-schema dashboard with a Prometheus data source variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.uid).toBe('c4ang-perf');
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', query: 'prometheus' }),
    );
  });

  it('gives every panel and every query that data source and at least one query', () => {
    const panels = queryPanels(dashboard);
    expect(panels.length).toBeGreaterThanOrEqual(12);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of panels) {
      expect(panel.datasource, panel.title).toEqual(DATASOURCE);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource, panel.title).toEqual(panel.datasource);
        expect(target.expr?.trim(), panel.title).toBeTruthy();
      }
    }
  });

  it('charts the load and the target: the metrics the issue asks for are all queried', () => {
    const names = new Set(dashboardQueries(dashboard).flatMap(metricNamesIn));
    for (const name of [
      'k6_http_reqs_total',
      'k6_http_req_duration_p95',
      'k6_http_req_duration_p99',
      'k6_http_req_failed_rate',
      'k6_vus',
      'k6_iterations_total',
      'k6_dropped_iterations_total',
      'k6_checks_rate',
      'istio_requests_total',
      'istio_request_duration_milliseconds_bucket',
      'container_cpu_usage_seconds_total',
      'kube_pod_container_resource_requests',
      'container_memory_working_set_bytes',
      'kube_pod_container_resource_limits',
    ])
      expect(names, name).toContain(name);
  });

  it('queries only metrics somebody sends', () => {
    expect(unsentNames(dashboardQueries(dashboard))).toEqual([]);
  });

  it('would catch a query for a metric nobody sends', () => {
    expect(sentK6Names()).toContain('k6_http_req_duration_p95');
    expect(targetMetricNames()).toContain('istio_request_duration_milliseconds_bucket');
    expect(
      unsentNames([
        'sum by (service) (rate(k6_http_reqs_count{testid=~"$testid"}[$__rate_interval]))',
        'histogram_quantile(0.9, sum by (le) (rate(istio_request_duration_seconds_bucket[5m])))',
        'k6_http_req_duration_p90 / on(pod) group_left kube_pod_info',
      ]),
    ).toEqual([
      'k6_http_reqs_count',
      'istio_request_duration_seconds_bucket',
      'k6_http_req_duration_p90',
      'kube_pod_info',
    ]);
  });
});
