// Prometheus remote write end to end, against a real Prometheus (test/support/prometheus.ts): short
// runs of the local runner — in process on one and two threads, through the k6-local CLI stopped by
// Ctrl-C, stopped by a threshold abort — and one `load smoke` through the harness must land in
// Prometheus with k6's names, k6_http_reqs_total summing to the run's own request count, and the
// dashboard's queries must run there and find the harness run's k6 series.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusSkip, type RunningPrometheus, startPrometheus } from '../../support/prometheus.ts';
import { metricValue, ScriptDir, serveTestTarget, type TestTarget } from '../runner/runner-harness.ts';
import { dashboardQueries, loadDashboard, metricNamesIn, withVariables } from './dashboard-metrics.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'bin/k6-local.mjs');
// Vitest exports Vite's BASE_URL ("/") into process.env; a harness child must not take it for its target.
const { BASE_URL: _viteBaseUrl, ...parentEnv } = process.env;

const scripts = new ScriptDir();
let target: TestTarget;
let prom: RunningPrometheus;
const skip = prometheusSkip('Prometheus remote write end to end');

/** A closed-model script tagged per request the way the C4ang client tags (service, op). */
const script = (options: string) => `import http from 'k6/http';
import { check } from 'k6';
export const options = ${options};
export default async function () {
  const res = await http.asyncRequest('GET', __ENV.BASE + '/products', null, {
    tags: { service: 'product-service', op: 'product_list' },
  });
  check(res, { 'status 200': (r) => r.status === 200 });
}`;

/** Sum of a query's vector (0 when empty). */
async function sum(promql: string): Promise<number> {
  return (await prom.query(promql)).reduce((total, s) => total + Number(s.value[1]), 0);
}

describe.skipIf(skip)('Prometheus remote write', () => {
  serveTestTarget(scripts, (started) => {
    target = started;
  });
  beforeAll(async () => {
    prom = await startPrometheus();
  });
  afterAll(async () => {
    await prom?.stop();
  });

  it.each([1, 2])('a one-second run on %i thread(s) lands: request count, p99, vus', async (workers) => {
    const testid = `threads-${workers}`;
    const run = await scripts.run(script(`{ vus: 2, duration: '1s' }`), {
      env: { BASE: target.url },
      tags: { testid },
      workers,
      prometheusRemoteWrite: true,
      outputEnv: { K6_PROMETHEUS_RW_SERVER_URL: prom.remoteWriteUrl },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const requests = metricValue(run, 'http_reqs', 'count');
    expect(requests).toBeGreaterThan(0);
    // The last push happened before runLocal returned: no waiting for a push interval.
    expect(await sum(`k6_http_reqs_total{testid="${testid}"}`)).toBe(requests);
    expect(await sum(`k6_iterations_total{testid="${testid}"}`)).toBe(
      metricValue(run, 'iterations', 'count'),
    );
    const [p99] = await prom.query(`k6_http_req_duration_p99{testid="${testid}", service="product-service"}`);
    expect(p99?.metric).toMatchObject({ op: 'product_list', status: '200', method: 'GET' });
    expect(p99?.metric).not.toHaveProperty('url');
    // Seconds, between the run's fastest and slowest request.
    const seconds = Number(p99?.value[1]);
    expect(seconds).toBeGreaterThanOrEqual(metricValue(run, 'http_req_duration', 'min') / 1000);
    expect(seconds).toBeLessThanOrEqual(metricValue(run, 'http_req_duration', 'max') / 1000);
    expect(await prom.query('k6_vus')).not.toEqual([]);
    expect(await sum(`k6_checks_rate{testid="${testid}"}`)).toBe(1);
  });

  it('a threshold abort still pushes the end of the run', async () => {
    const run = await scripts.run(
      script(
        `{ vus: 2, duration: '20s', thresholds: { http_req_duration: [{ threshold: 'max<0', abortOnFail: true }] } }`,
      ),
      {
        env: { BASE: target.url },
        tags: { testid: 'threshold-abort' },
        prometheusRemoteWrite: true,
        outputEnv: { K6_PROMETHEUS_RW_SERVER_URL: prom.remoteWriteUrl },
      },
    );
    expect(run.exitCode).toBe(99);
    expect(run.durationMs).toBeLessThan(10_000);
    expect(await sum('k6_http_reqs_total{testid="threshold-abort"}')).toBe(
      metricValue(run, 'http_reqs', 'count'),
    );
  });

  it('an unreachable endpoint is a warning, not a failed run', async () => {
    const run = await scripts.run(script(`{ vus: 1, duration: '1s' }`), {
      env: { BASE: target.url },
      prometheusRemoteWrite: true,
      outputEnv: { K6_PROMETHEUS_RW_SERVER_URL: 'http://127.0.0.1:9/api/v1/write' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(
      /WARN\[\d+\] prometheus remote write: the last push to http:\/\/127\.0\.0\.1:9\/api\/v1\/write failed/,
    );
  });

  it('k6-local -o experimental-prometheus-rw, stopped by Ctrl-C, pushes before it exits', async () => {
    const exportPath = scripts.path('interrupted-summary.json');
    const child: ChildProcess = spawn(
      process.execPath,
      [
        BIN,
        'run',
        '-q',
        '-o',
        'experimental-prometheus-rw',
        '--tag',
        'testid=cli-interrupt',
        '--summary-export',
        exportPath,
        '-e',
        `BASE=${target.url}`,
        scripts.write(script(`{ vus: 2, duration: '30s' }`)),
      ],
      {
        cwd: scripts.dir,
        env: { ...parentEnv, NO_COLOR: '1', K6_PROMETHEUS_RW_SERVER_URL: prom.remoteWriteUrl },
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 25_000);
    // Ctrl-C once the run is under way (the target has answered it), not at a fixed instant: on a
    // busy machine start-up can outlast any fixed delay, and a SIGINT before the runner's handler
    // is Node's default exit, not an interrupted run.
    const hitsBefore = target.hits;
    const started = Date.now();
    while (target.hits < hitsBefore + 20 && Date.now() - started < 20_000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(guard);
    expect(code, stderr).toBe(105);
    const exported = JSON.parse(readFileSync(exportPath, 'utf8'));
    expect(exported.metrics.http_reqs.count).toBeGreaterThan(0);
    expect(await sum('k6_http_reqs_total{testid="cli-interrupt"}')).toBe(exported.metrics.http_reqs.count);
  });

  describe('through the harness', () => {
    const resultsRoot = mkdtempSync(path.join(tmpdir(), 'c4ang-promrw-'));
    afterAll(() => rmSync(resultsRoot, { recursive: true, force: true }));

    function load(args: string[], env: Record<string, string>) {
      return new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'scripts/load.ts', ...args, '--results-dir', resultsRoot, '--quiet'],
          // No k6 on this PATH: the local runner is the engine.
          {
            cwd: ROOT,
            env: { ...parentEnv, PATH: '/usr/bin:/bin', ...env },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('exit', (code) => {
          clearTimeout(guard);
          resolve({ code, stderr });
        });
      });
    }

    it('load smoke lands under its run id; the dashboard queries run and find its k6 series', async () => {
      const runId = `smoke-promrw-${Date.now()}`;
      const run = await load(['smoke', '--run-id', runId], {
        K6_PROMETHEUS_RW_SERVER_URL: prom.remoteWriteUrl,
      });
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(path.join(resultsRoot, runId, 'summary.json'), 'utf8'));
      expect(await sum(`k6_http_reqs_total{testid="${runId}"}`)).toBe(summary.metrics.http_reqs.values.count);
      // The harness asks for p(95) as well as k6's default p(99): the dashboard charts both.
      expect(await prom.query(`k6_http_req_duration_p95{testid="${runId}"}`)).not.toEqual([]);

      const queries = dashboardQueries(loadDashboard());
      for (const query of queries) await prom.query(withVariables(query)); // throws on a PromQL error
      const k6Names = [...new Set(queries.flatMap(metricNamesIn))].filter((n) => n.startsWith('k6_'));
      // k6 sends a metric once it has samples: a smoke run drops no iterations, and vus carry no run id.
      const expected = k6Names.filter((n) => n !== 'k6_dropped_iterations_total');
      const missing: string[] = [];
      for (const name of expected) {
        const selector = name.startsWith('k6_vus') ? name : `${name}{testid="${runId}"}`;
        if ((await prom.query(selector)).length === 0) missing.push(name);
      }
      expect(missing).toEqual([]);
    });

    it('a bad K6_PROMETHEUS_RW_SERVER_URL stops the run with 104 before anything starts', async () => {
      const run = await load(['smoke', '--run-id', 'never-started'], {
        K6_PROMETHEUS_RW_SERVER_URL: 'localhost:9090',
      });
      expect(run.code).toBe(104);
      expect(run.stderr).toMatch(/K6_PROMETHEUS_RW_SERVER_URL: must be an http\(s\) URL/);
      expect(existsSync(path.join(resultsRoot, 'never-started'))).toBe(false);
    });
  });
});
