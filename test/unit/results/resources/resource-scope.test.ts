// Whose series the resource queries take. A real target: its namespace, as the platform's plan asks.
// The stand-in a run started: only its own scrape, by the `instance` Prometheus gives it (its admin
// address, written as 127.0.0.1 or localhost), since every stand-in has the same namespace and pod
// names — so another stand-in being scraped is never reported as this run's. The scope is recorded
// in resources.json, and a stand-in Prometheus does not scrape is "not measured" saying what to do.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectResources } from '../../../../src/results/resources/collect-resources.ts';
import {
  podDownQuery,
  queryInputs,
  scopeMatchers,
  serviceQueries,
  standinInstances,
} from '../../../../src/results/resources/resource-queries.ts';

const STANDIN = { namespace: 'ecommerce', instances: standinInstances('http://127.0.0.1:43117') };
/** The matcher as Prometheus reads it: a regex of the two addresses, dots escaped in a PromQL string. */
const INSTANCE = String.raw`instance=~"127\\.0\\.0\\.1:43117|localhost:43117"`;

describe('the scope of the resource queries', () => {
  test("the stand-in's instances are its admin address, as given and as localhost", () => {
    expect(standinInstances('http://127.0.0.1:43117')).toEqual(['127.0.0.1:43117', 'localhost:43117']);
    expect(standinInstances('http://localhost:8090')).toEqual(['localhost:8090']);
    expect(standinInstances('http://[::1]:8090')).toEqual(['[::1]:8090', 'localhost:8090']);
  });

  test('a real target: namespace and pods only, no instance', () => {
    const scope = { namespace: 'ecommerce' };
    expect(scopeMatchers(scope)).toBe('namespace="ecommerce"');
    const queries = serviceQueries('order-service', scope, 60);
    expect(queries.cpuOfRequests).not.toContain('instance');
    expect(queries.memoryOfLimits).toBe(
      'sum(container_memory_working_set_bytes{namespace="ecommerce",pod=~"order-service-.*|order-api-.*"}) / sum(kube_pod_container_resource_limits{namespace="ecommerce",pod=~"order-service-.*|order-api-.*",resource="memory"})',
    );
    expect(podDownQuery(scope)).not.toContain('instance');
  });

  test("the run's stand-in: every selector of every query carries the instance matcher", () => {
    expect(scopeMatchers(STANDIN)).toBe(`namespace="ecommerce",${INSTANCE}`);
    const pods = `namespace="ecommerce",${INSTANCE},pod=~"order-service-.*|order-api-.*"`;
    const queries = serviceQueries('order-service', STANDIN, 60);
    expect(queries.cpuOfRequests).toBe(
      `sum(rate(container_cpu_usage_seconds_total{${pods}}[60s])) / sum(kube_pod_container_resource_requests{${pods},resource="cpu"})`,
    );
    expect(queries.memoryOfLimits).toBe(
      `sum(container_memory_working_set_bytes{${pods}}) / sum(kube_pod_container_resource_limits{${pods},resource="memory"})`,
    );
    const inputs = queryInputs('order-service', STANDIN);
    for (const selector of [...inputs.cpuOfRequests, ...inputs.memoryOfLimits])
      expect(selector).toContain(INSTANCE);
    expect(podDownQuery(STANDIN)).toBe(
      `kube_deployment_status_replicas_available{namespace="ecommerce",${INSTANCE}} < bool kube_deployment_spec_replicas{namespace="ecommerce",${INSTANCE}}`,
    );
  });

  test('the instance regex matches the addresses and nothing else (dots are literal)', () => {
    // What Prometheus does with the string: unescape the PromQL string, then anchor the RE2 regex.
    const regex = /instance=~"(.*)"$/.exec(scopeMatchers(STANDIN))![1]!.replace(/\\\\/g, '\\');
    const matches = (value: string) => new RegExp(`^(?:${regex})$`).test(value);
    expect(matches('127.0.0.1:43117')).toBe(true);
    expect(matches('localhost:43117')).toBe(true);
    expect(matches('127.0.0.1:8090')).toBe(false);
    expect(matches('127x0x0x1:43117')).toBe(false);
    expect(matches('127.0.0.1:431170')).toBe(false);
  });
});

describe('resources.json records the scope', () => {
  const window = { namespace: 'ecommerce', fromMs: 1_700_000_000_000, toMs: 1_700_000_090_000 };

  test("a real target: by namespace; the run's stand-in: by its instances, PodDown's query scoped too", async () => {
    const remote = await collectResources({ prometheusUrl: undefined, ...window });
    expect(remote.scope).toEqual({ by: 'namespace', namespace: 'ecommerce' });
    expect(remote.podDownQuery).not.toContain('instance');

    const own = await collectResources({
      prometheusUrl: undefined,
      ...window,
      standin: { instances: STANDIN.instances, fixedAdminPort: false },
    });
    expect(own.scope).toEqual({
      by: 'instance',
      namespace: 'ecommerce',
      instances: ['127.0.0.1:43117', 'localhost:43117'],
    });
    expect(own.podDownQuery).toContain(INSTANCE);
  });
});

/**
 * A Prometheus that scrapes another stand-in only (`instance` of `other`): nothing for any scoped
 * query, the other target for the diagnosis. Records the PromQL asked.
 */
function fakePrometheus(other: string | undefined) {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const query = url.searchParams.get('query') ?? '';
    if (query) asked.push(query);
    let data: unknown = { resultType: 'vector', result: [] };
    if (url.pathname === '/api/v1/status/config') data = { yaml: 'global:\n  scrape_interval: 1s\n' };
    else if (query === 'vector(1)')
      data = { resultType: 'vector', result: [{ metric: {}, value: [0, '1'] }] };
    else if (query.startsWith('count by (instance)') && other && !query.includes('instance='))
      data = { resultType: 'vector', result: [{ metric: { instance: other }, value: [0, '12'] }] };
    else if (url.pathname === '/api/v1/query_range') data = { resultType: 'matrix', result: [] };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: 'success', data }));
  });
  return { server, asked };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe("a run's own stand-in that Prometheus does not scrape: not measured, saying what to do", () => {
  const scraped = fakePrometheus('127.0.0.1:8090');
  const unscraped = fakePrometheus(undefined);
  const urls: string[] = [];
  beforeAll(async () => {
    urls.push(await listen(scraped.server), await listen(unscraped.server));
  });
  afterAll(() => {
    scraped.server.close();
    unscraped.server.close();
  });
  const now = Date.now();
  const window = { namespace: 'ecommerce', fromMs: now - 20_000, toMs: now };

  test("another stand-in scraped (npm run target's, on 8090): named as not this run's; --target first, then a port it does not hold", async () => {
    const file = await collectResources({
      prometheusUrl: urls[0],
      ...window,
      standin: { instances: STANDIN.instances, fixedAdminPort: false },
    });
    expect(file.services.every((s) => s.cpuOfRequests === null && s.memoryOfLimits === null)).toBe(true);
    expect(file.notMeasured).toBe(
      `Prometheus at ${urls[0]} has no series from this run's stand-in (admin 127.0.0.1:43117, a port chosen at start that no scrape config knows) over the run; those it has in namespace ecommerce are another target's: 127.0.0.1:8090, not this run's. To measure it: set C4ANG_PERF_STANDIN_ADMIN_PORT=8091 and add 127.0.0.1:8091 (metrics_path /metrics/cluster) to the scrape config; or pass --target <gateway URL> to load the stand-in it does scrape`,
    );
    // Every query for figures was scoped; only the diagnosis looked at the whole namespace.
    const unscoped = scraped.asked.filter((q) => q !== 'vector(1)' && !q.includes(INSTANCE));
    expect(unscoped).toEqual([
      'count by (instance) (last_over_time(container_memory_working_set_bytes{namespace="ecommerce"}[20s]))',
    ]);
  });

  test('its fixed admin port not scraped: names the address to add, no other stand-in mentioned', async () => {
    const file = await collectResources({
      prometheusUrl: urls[1],
      ...window,
      standin: { instances: STANDIN.instances, fixedAdminPort: true },
    });
    expect(file.notMeasured).toBe(
      `Prometheus at ${urls[1]} has no series from this run's stand-in (admin 127.0.0.1:43117, C4ANG_PERF_STANDIN_ADMIN_PORT) over the run. To measure it: add 127.0.0.1:43117 (metrics_path /metrics/cluster) to its scrape config; or run \`npm run target\`, have it scraped, and pass --target <its gateway URL>`,
    );
    expect(file.podDownMissing).toBe(
      'no kube_deployment_status_replicas_available / kube_deployment_spec_replicas series in namespace ecommerce from 127.0.0.1:43117 or localhost:43117',
    );
  });

  test('a real target with no series keeps the namespace reason', async () => {
    const file = await collectResources({ prometheusUrl: urls[1], ...window });
    expect(file.notMeasured).toMatch(
      /has no series for the target's pods in namespace ecommerce over the run \(no container_cpu_usage_seconds_total or kube_pod_container_resource_requests series\); is it scraping the target\?$/,
    );
  });
});
