// Where resources come from: PROMETHEUS_URL and C4ANG_PERF_NAMESPACE as a run accepts them (bad
// values stop the run with 104, naming the variable), the plan's queries with the rate window and
// step fitted to the run, the scrape interval read from Prometheus' config, and a collection that
// never throws: no URL or an unreachable server is "not measured" with the reason.
import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { resolveRunConfig } from '../../../../src/config.ts';
import { ConfigError } from '../../../../src/errors.ts';
import { prometheusWarning } from '../../../../src/results/resources/check-prometheus.ts';
import { collectResources, downSpans } from '../../../../src/results/resources/collect-resources.ts';
import { parsePromDurationS } from '../../../../src/results/resources/prometheus-api.ts';
import { displayPrometheusUrl } from '../../../../src/results/resources/prometheus-url.ts';
import {
  podDownQuery,
  podPattern,
  queryStepS,
  rateWindowS,
  serviceQueries,
} from '../../../../src/results/resources/resource-queries.ts';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    resolveRunConfig('normal', {}, env, '/work/project');
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
};

describe('PROMETHEUS_URL and C4ANG_PERF_NAMESPACE', () => {
  test('a base URL (path prefix allowed) is taken without its trailing slash; unset or empty is off', () => {
    const config = resolveRunConfig('normal', {}, { PROMETHEUS_URL: 'https://prom.example/thanos/' }, '/w');
    expect(config).toMatchObject({ prometheusUrl: 'https://prom.example/thanos', namespace: 'ecommerce' });
    expect(resolveRunConfig('normal', {}, {}, '/w').prometheusUrl).toBeUndefined();
    expect(resolveRunConfig('normal', {}, { PROMETHEUS_URL: '' }, '/w').prometheusUrl).toBeUndefined();
    expect(resolveRunConfig('normal', {}, { C4ANG_PERF_NAMESPACE: 'shop-perf' }, '/w').namespace).toBe(
      'shop-perf',
    );
  });

  test.each([
    ['prometheus:9090', /^PROMETHEUS_URL: must be an http\(s\) URL/],
    ['ftp://prom.example', /^PROMETHEUS_URL: must be an http\(s\) URL/],
    [
      'http://prom.example/api/v1/query?query=up',
      /^PROMETHEUS_URL: must be the Prometheus base URL without a query/,
    ],
  ])('PROMETHEUS_URL=%s stops the run (104), naming the variable', (value, problem) => {
    expect(problemsOf({ PROMETHEUS_URL: value })).toEqual([expect.stringMatching(problem)]);
  });

  test('a namespace that Kubernetes would refuse is a problem too, reported with the others', () => {
    expect(problemsOf({ C4ANG_PERF_NAMESPACE: 'Ecommerce_1', PROMETHEUS_URL: 'x' })).toEqual([
      expect.stringMatching(/^PROMETHEUS_URL:/),
      expect.stringMatching(/^C4ANG_PERF_NAMESPACE: must be a Kubernetes namespace name/),
    ]);
  });

  test('results show the URL without credentials', () => {
    expect(displayPrometheusUrl('https://user:secret@prom.example/x/')).toBe('https://prom.example/x');
  });
});

describe("the plan's queries, fitted to the run", () => {
  test('per service: CPU rate over requests and working set over limits, pods of the service or its deployment', () => {
    const queries = serviceQueries('order-service', { namespace: 'ecommerce' }, 300);
    const pods = 'namespace="ecommerce",pod=~"order-service-.*|order-api-.*"';
    expect(queries.cpuOfRequests).toBe(
      `sum(rate(container_cpu_usage_seconds_total{${pods}}[300s])) / sum(kube_pod_container_resource_requests{${pods},resource="cpu"})`,
    );
    expect(queries.memoryOfLimits).toBe(
      `sum(container_memory_working_set_bytes{${pods}}) / sum(kube_pod_container_resource_limits{${pods},resource="memory"})`,
    );
    expect(podPattern('saga-tracker')).toBe('saga-tracker-.*');
    expect(podDownQuery({ namespace: 'shop' })).toBe(
      'kube_deployment_status_replicas_available{namespace="shop"} < bool kube_deployment_spec_replicas{namespace="shop"}',
    );
  });

  test('rate window: 5 m, the run when shorter, never under four scrapes', () => {
    expect(rateWindowS(1800, 15)).toBe(300);
    expect(rateWindowS(90, 15)).toBe(90);
    expect(rateWindowS(18, 1)).toBe(18);
    expect(rateWindowS(30, 15)).toBe(60);
  });

  test('step: about 240 points, between 1 s and the 30 s evaluation interval', () => {
    expect(queryStepS(18)).toBe(1);
    expect(queryStepS(1800)).toBe(8);
    expect(queryStepS(86_400)).toBe(30);
  });

  test('Prometheus durations from its config', () => {
    expect(parsePromDurationS('15s')).toBe(15);
    expect(parsePromDurationS('1m30s')).toBe(90);
    expect(parsePromDurationS('500ms')).toBe(0.5);
    expect(parsePromDurationS('soon')).toBeUndefined();
    expect(parsePromDurationS(undefined)).toBeUndefined();
  });

  test('PodDown samples merge into spans while consecutive', () => {
    expect(
      downSpans(
        [
          [100, 0],
          [104, 1],
          [108, 1],
          [112, 0],
          [116, 1],
          [124, 1],
        ],
        4,
      ),
    ).toEqual([
      [104, 108],
      [116, 116],
      [124, 124],
    ]);
  });
});

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

test('at the start of a run, a Prometheus that does not answer is one warning line, naming it', async () => {
  const port = await closedPort();
  expect(await prometheusWarning(`http://127.0.0.1:${port}`)).toMatch(
    new RegExp(
      `^WARN Prometheus at http://127\\.0\\.0\\.1:${port} does not answer \\(unreachable \\(ECONNREFUSED`,
    ),
  );
});

describe('collectResources never throws', () => {
  const window = { namespace: 'ecommerce', fromMs: 1_700_000_000_000, toMs: 1_700_000_090_000 };

  test('without PROMETHEUS_URL: not measured, and says so', async () => {
    const file = await collectResources({ prometheusUrl: undefined, ...window });
    expect(file).toMatchObject({
      schema: 'c4ang-perf/resources@1',
      prometheus: null,
      notMeasured: 'PROMETHEUS_URL not set',
      services: [],
      podDown: null,
      rateWindowS: 90,
    });
  });

  test('an unreachable Prometheus: not measured, naming it and the error', async () => {
    const port = await closedPort();
    const file = await collectResources({
      prometheusUrl: `http://u:p@127.0.0.1:${port}`,
      ...window,
      timeoutMs: 2000,
    });
    expect(file.prometheus).toBe(`http://127.0.0.1:${port}`);
    expect(file.notMeasured).toMatch(
      new RegExp(`^Prometheus at http://127\\.0\\.0\\.1:${port}: unreachable \\(ECONNREFUSED`),
    );
  });
});
