// The resource criteria end to end, as a user sets them up: the stand-in running (`npm run target`),
// a real Prometheus scraping its one federated endpoint (`/metrics/cluster`) every second, and
// `PROMETHEUS_URL=… npm run load:normal -- --target <gateway>`: verdict.json then holds CPU of
// requests and memory of limits with the stand-in's own figures for every service, `npm run report`
// rebuilds them with Prometheus gone, and without PROMETHEUS_URL they are "not measured". A run that
// starts its own stand-in is measured only from that stand-in's scrape (`instance`): with the other
// stand-in scraped and its own not, "not measured" naming the fix, never the other one's figures;
// with C4ANG_PERF_STANDIN_ADMIN_PORT scraped, its own CPU and memory.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rebuildRunReport } from '../../../src/results/rebuild-report.ts';
import { collectResources } from '../../../src/results/resources/collect-resources.ts';
import type { ResourcesFile } from '../../../src/results/resources/resources-file.ts';
import type { CriterionResult, Verdict } from '../../../src/results/types.ts';
import { MEMORY_LIMIT_BYTES } from '../../../src/target/admin/cluster-metrics.ts';
import { type RunningTarget, startTarget } from '../../../src/target/index.ts';
import { SERVICE_NAMES } from '../../../src/vu/services.ts';
import {
  freePort,
  prometheusSkip,
  type RunningPrometheus,
  startPrometheus,
} from '../../support/prometheus.ts';
import { npmRun } from '../npm-run.ts';

const SUITE = 'resource criteria with a real Prometheus';
const resultsRoot = mkdtempSync(path.join(tmpdir(), 'c4ang-resources-'));
let target: RunningTarget;
let prometheus: RunningPrometheus | undefined;
/** The admin port a run's own stand-in is told to use (C4ANG_PERF_STANDIN_ADMIN_PORT); scraped from the start. */
let fixedAdminPort: number;

const readVerdict = (runId: string) =>
  JSON.parse(readFileSync(path.join(resultsRoot, runId, 'verdict.json'), 'utf8')) as Verdict;
const readResources = (runId: string) =>
  JSON.parse(readFileSync(path.join(resultsRoot, runId, 'resources.json'), 'utf8')) as ResourcesFile;
const criterion = (verdict: Verdict, id: string): CriterionResult => {
  const found = verdict.criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} in ${verdict.criteria.map((c) => c.id).join(', ')}`);
  return found;
};

async function load(profile: string, runId: string, env: Record<string, string>, extra: string[] = []) {
  const run = npmRun(
    `load:${profile}`,
    ['--target', target.baseUrl, '--run-id', runId, '--results-dir', resultsRoot, '--quiet', ...extra],
    env,
  );
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** `npm run load:<profile>` with no --target: the run starts its own stand-in. */
async function loadEmbedded(
  profile: string,
  runId: string,
  env: Record<string, string>,
  extra: string[] = [],
) {
  const run = npmRun(
    `load:${profile}`,
    ['--run-id', runId, '--results-dir', resultsRoot, '--quiet', ...extra],
    env,
  );
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe.skipIf(prometheusSkip(SUITE))(SUITE, () => {
  beforeAll(async () => {
    target = await startTarget({ port: 0, adminPort: 0 });
    fixedAdminPort = await freePort();
    prometheus = await startPrometheus({
      scrape: [
        { name: 'c4ang-standin', targets: [new URL(target.adminUrl).host], metricsPath: '/metrics/cluster' },
        // Down until a run's stand-in listens there; written as `localhost:`, as a user may write it.
        {
          name: 'c4ang-standin-fixed',
          targets: [`localhost:${fixedAdminPort}`],
          metricsPath: '/metrics/cluster',
        },
      ],
      scrapeIntervalS: 1,
    });
    // Both halves of the plan's ratios are scraped before load starts.
    await prometheus.waitFor('container_cpu_usage_seconds_total{pod=~"order-service-.*"}');
    await prometheus.waitFor('kube_pod_container_resource_limits{resource="memory"}');
  });

  afterAll(async () => {
    await prometheus?.stop();
    await target?.stop();
    rmSync(resultsRoot, { recursive: true, force: true });
  });

  test('with PROMETHEUS_URL a normal run judges CPU of requests and memory of limits on real figures', async () => {
    // 18 s at 30 iterations/s: long enough for a rate over the run, short for the e2e tier.
    const run = await load('normal', 'with-prometheus', { PROMETHEUS_URL: prometheus!.url }, [
      '--scale',
      '0.01',
      '--vu-scale',
      '0.3',
    ]);
    const verdict = readVerdict('with-prometheus');
    expect(run.code, run.stderr).toBe(verdict.exitCode);

    const cpu = criterion(verdict, 'cpu-of-requests');
    const memory = criterion(verdict, 'memory-of-limits');
    // Judged on the normal profile: a figure, a pass or fail, never "not measured".
    expect(['pass', 'fail']).toContain(cpu.status);
    expect(['pass', 'fail']).toContain(memory.status);
    expect(cpu).toMatchObject({ unit: 'ratio', limit: '< 0.5' });
    expect(memory).toMatchObject({ unit: 'ratio', limit: '< 0.6' });
    // A replica under load uses some CPU, and two cores are all this machine has for 0.1 core requested.
    expect(cpu.observed).toBeGreaterThan(0);
    expect(cpu.observed).toBeLessThan(20);
    expect(memory.observed).toBeGreaterThan(0);
    expect(memory.observed).toBeLessThan(1);

    const resources = verdict.analysis.resources!;
    expect(resources).toMatchObject({ measured: true, namespace: 'ecommerce', stepS: 1 });
    expect(resources.rateWindowS).toBeGreaterThanOrEqual(4);
    expect(resources.rateWindowS).toBeLessThanOrEqual(30);
    expect(resources.services.map((s) => s.name)).toEqual([...SERVICE_NAMES]);
    for (const s of resources.services) {
      expect(s.cpuOfRequestsPeak, s.name).toBeGreaterThan(0);
      expect(s.memoryOfLimitsPeak, s.name).toBeGreaterThan(0);
      expect(s.memoryOfLimitsPeak, s.name).toBeLessThan(1);
    }
    // The worst service is the one named, and its figure is the criterion's.
    const worstCpu = [...resources.services].sort((a, b) => b.cpuOfRequestsPeak! - a.cpuOfRequestsPeak!)[0]!;
    expect(cpu.observed).toBe(worstCpu.cpuOfRequestsPeak);
    expect(cpu.description).toContain(worstCpu.name);

    // The figures are the stand-in's own: order-service's working set now, over its two 256Mi
    // limits, is close to the memory peak Prometheus saw during the run.
    const text = await (await fetch(`${target.adminUrl}/metrics/cluster`)).text();
    const workingSet = [
      ...text.matchAll(/^container_memory_working_set_bytes\{[^}]*pod="order-service-[^}]*\} (\d+)$/gm),
    ];
    expect(workingSet).toHaveLength(2);
    const now = workingSet.reduce((sum, m) => sum + Number(m[1]), 0) / (2 * MEMORY_LIMIT_BYTES);
    const orderPeak = resources.services.find((s) => s.name === 'order-service')!.memoryOfLimitsPeak!;
    expect(orderPeak).toBeGreaterThan(now * 0.5);
    expect(orderPeak).toBeLessThan(now * 2);

    // Alerts need 10 minutes (PodDown 5) of a run to fire as Prometheus would: said, not judged.
    expect(criterion(verdict, 'alert-pod-down')).toMatchObject({
      status: 'not-measured',
      notMeasured: "run shorter than the alert's for (5m)",
    });
    expect(run.stdout).toContain('CPU of requests (peak): ');
    console.log(
      `stand-in on normal at 30/s: ${cpu.description} (${cpu.status}); ${memory.description} (${memory.status})`,
    );
  });

  test('without PROMETHEUS_URL the same criteria are "not measured", saying so, and the run passes', async () => {
    const run = await load('smoke', 'without-prometheus', {});
    const verdict = readVerdict('without-prometheus');
    expect(run.code, run.stderr).toBe(0);
    for (const id of ['cpu-of-requests', 'memory-of-limits', 'alert-pod-down'])
      expect(criterion(verdict, id)).toMatchObject({
        status: 'not-measured',
        pass: null,
        observed: null,
        notMeasured: 'PROMETHEUS_URL not set',
      });
    expect(verdict.analysis.resources).toMatchObject({
      measured: false,
      notMeasured: 'PROMETHEUS_URL not set',
    });
    expect(run.stdout).toContain('not measured: PROMETHEUS_URL not set: cpu-of-requests, memory-of-limits');
  });

  test('a Prometheus without the namespace: not measured, saying it has no series', async () => {
    const now = Date.now();
    const file = await collectResources({
      prometheusUrl: prometheus!.url,
      namespace: 'nowhere',
      fromMs: now - 20_000,
      toMs: now,
    });
    expect(file.notMeasured).toMatch(
      /has no series for the target's pods in namespace nowhere over the run \(no container_cpu_usage_seconds_total or kube_pod_container_resource_requests series\); is it scraping the target\?$/,
    );
    expect(file.podDownMissing).toMatch(/no kube_deployment_status_replicas_available/);
  });

  test("a run's own stand-in, not scraped: not measured, naming the fix, never the other stand-in's figures", async () => {
    // The bug as a user met it: Prometheus scrapes `npm run target`'s stand-in (same pod names, same
    // namespace) while a load run starts its own on ports chosen at start.
    const run = await loadEmbedded('smoke', 'embedded-unscraped', { PROMETHEUS_URL: prometheus!.url });
    const verdict = readVerdict('embedded-unscraped');
    expect(run.code, run.stderr).toBe(0);
    // Before the fix: "reported", with the other stand-in's figures.
    for (const id of ['cpu-of-requests', 'memory-of-limits'])
      expect(criterion(verdict, id), id).toMatchObject({ status: 'not-measured', observed: null });
    const resources = readResources('embedded-unscraped');
    const scoped = resources.scope?.by === 'instance' ? resources.scope.instances : [];
    const port = Number(scoped[0]?.split(':')[1]);
    expect(resources.scope).toEqual({
      by: 'instance',
      namespace: 'ecommerce',
      instances: [`127.0.0.1:${port}`, `localhost:${port}`],
    });
    expect(port).not.toBe(Number(new URL(target.adminUrl).port));
    for (const id of ['cpu-of-requests', 'memory-of-limits'])
      expect(criterion(verdict, id).notMeasured, id).toContain(
        `from this run's stand-in (admin 127.0.0.1:${port}`,
      );
    expect(resources.notMeasured).toContain('C4ANG_PERF_STANDIN_ADMIN_PORT=8090');
    expect(resources.notMeasured).toContain('--target');
    expect(resources.notMeasured).toContain(`another target's: ${new URL(target.adminUrl).host}`);
    // Every query asked was limited to the run's own scrape, PodDown's too.
    for (const s of resources.services) {
      expect(s.queries.cpuOfRequests).toContain(
        `instance=~"127\\\\.0\\\\.0\\\\.1:${port}|localhost:${port}"`,
      );
      expect(s.queries.memoryOfLimits).toContain(`localhost:${port}`);
    }
    expect(resources.podDownQuery).toContain(`localhost:${port}`);
    // The other stand-in's series were there all along: a query by namespace alone would have taken them.
    const other = await prometheus!.query(
      `count(container_memory_working_set_bytes{namespace="ecommerce",instance="${new URL(target.adminUrl).host}"})`,
    );
    expect(other).toHaveLength(1);
    expect(run.stderr).toContain('WARN resources not measured: ');
  });

  test('C4ANG_PERF_STANDIN_ADMIN_PORT scraped: a run measures the CPU and memory of its own stand-in', async () => {
    const run = await loadEmbedded(
      'normal',
      'embedded-fixed-port',
      { PROMETHEUS_URL: prometheus!.url, C4ANG_PERF_STANDIN_ADMIN_PORT: String(fixedAdminPort) },
      ['--scale', '0.01', '--vu-scale', '0.3'],
    );
    const verdict = readVerdict('embedded-fixed-port');
    expect(run.code, run.stderr).toBe(verdict.exitCode);
    expect(run.stderr).toContain(`(admin http://127.0.0.1:${fixedAdminPort})`);
    const resources = readResources('embedded-fixed-port');
    expect(resources.notMeasured).toBeUndefined();
    expect(resources.scope).toEqual({
      by: 'instance',
      namespace: 'ecommerce',
      instances: [`127.0.0.1:${fixedAdminPort}`, `localhost:${fixedAdminPort}`],
    });
    for (const id of ['cpu-of-requests', 'memory-of-limits']) {
      const found = criterion(verdict, id);
      expect(['pass', 'fail'], `${id}: ${found.description}`).toContain(found.status);
      expect(found.observed, id).toBeGreaterThan(0);
    }
    expect(verdict.analysis.resources?.services.every((s) => s.memoryOfLimitsPeak! > 0)).toBe(true);
  });

  test('C4ANG_PERF_STANDIN_ADMIN_PORT already in use: 104 before anything starts, naming the variable and port', async () => {
    const busy = new URL(target.adminUrl).port;
    const run = await loadEmbedded('smoke', 'embedded-busy-port', { C4ANG_PERF_STANDIN_ADMIN_PORT: busy });
    expect(run.code, run.stderr).toBe(104);
    expect(run.stderr).toContain(
      `C4ANG_PERF_STANDIN_ADMIN_PORT: port ${busy} on 127.0.0.1 is already in use`,
    );
  });

  test('npm run report rebuilds the verdict from resources.json, with Prometheus gone', async () => {
    const before = readVerdict('with-prometheus');
    await prometheus!.stop();
    prometheus = undefined;
    const after = await rebuildRunReport(path.join(resultsRoot, 'with-prometheus'), { strict: false });
    expect(after.criteria).toEqual(before.criteria);
    expect(after.analysis.resources).toEqual(before.analysis.resources);
  });
});
