// Each executor's VU/iteration counts and timing against a local target (k6 semantics).
import { describe, expect, it } from 'vitest';
import { metricValue, ScriptDir, type TestTarget, serveTestTarget } from './runner-harness.ts';

let target: TestTarget;
const scripts = new ScriptDir();
serveTestTarget(scripts, (started) => {
  target = started;
});

const script = (scenario: string, body = "await http.asyncRequest('GET', __ENV.BASE + '/x');") => `
import http from 'k6/http';
import { Trend } from 'k6/metrics';
import exec from 'k6/execution';
const vuIds = new Trend('vu_ids');
export const options = { scenarios: { s: ${scenario} } };
export default async function () {
  vuIds.add(exec.vu.idInTest);
  ${body}
}`;

describe('executors', () => {
  it('shared-iterations runs exactly the total, spread over the VUs', async () => {
    const run = await scripts.run(script("{ executor: 'shared-iterations', vus: 3, iterations: 17 }"), {
      env: { BASE: target.url },
    });
    expect(run.exitCode).toBe(0);
    expect(metricValue(run, 'iterations', 'count')).toBe(17);
    expect(metricValue(run, 'http_reqs', 'count')).toBe(17);
    expect(metricValue(run, 'vu_ids', 'max')).toBe(3);
  });

  it('per-vu-iterations runs vus × iterations', async () => {
    const run = await scripts.run(script("{ executor: 'per-vu-iterations', vus: 3, iterations: 4 }"), {
      env: { BASE: target.url },
    });
    expect(metricValue(run, 'iterations', 'count')).toBe(12);
  });

  it('constant-vus loops for the duration, then stops', async () => {
    const run = await scripts.run(
      script(
        "{ executor: 'constant-vus', vus: 2, duration: '1s' }",
        'await new Promise((r) => setTimeout(r, 20));',
      ),
      {},
    );
    expect(run.durationMs).toBeGreaterThanOrEqual(1000);
    expect(run.durationMs).toBeLessThan(1600);
    // 2 VUs × ~1 s / ~20 ms per iteration
    expect(metricValue(run, 'iterations', 'count')).toBeGreaterThan(50);
    expect(metricValue(run, 'iterations', 'count')).toBeLessThanOrEqual(102);
    expect(metricValue(run, 'vus_max', 'value')).toBe(2);
  });

  it('ramping-vus reaches the stage target and ramps down', async () => {
    const run = await scripts.run(
      script(
        "{ executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '600ms', target: 4 }, { duration: '400ms', target: 4 }, { duration: '300ms', target: 0 }], gracefulRampDown: '0s' }",
        'await new Promise((r) => setTimeout(r, 10));',
      ),
    );
    expect(metricValue(run, 'vu_ids', 'max')).toBe(4);
    expect(run.durationMs).toBeGreaterThanOrEqual(1300);
    expect(run.durationMs).toBeLessThan(2000);
  });

  it('constant-arrival-rate starts rate×duration iterations (±2 %) with no drops against a fast target', async () => {
    const run = await scripts.run(
      script(
        "{ executor: 'constant-arrival-rate', rate: 100, timeUnit: '1s', duration: '2s', preAllocatedVUs: 5, maxVUs: 20 }",
      ),
      { env: { BASE: target.url } },
    );
    const iterations = metricValue(run, 'iterations', 'count');
    expect(iterations).toBeGreaterThanOrEqual(196);
    expect(iterations).toBeLessThanOrEqual(204);
    expect(metricValue(run, 'dropped_iterations', 'count')).toBe(0);
    expect(run.summaryData.metrics.local_iteration_start_lag?.values.max).toBeDefined();
  });

  it('constant-arrival-rate drops iterations (not queued) when VUs run out against a slow target', async () => {
    target.setDelayMs(300);
    try {
      const run = await scripts.run(
        script(
          "{ executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '1s', preAllocatedVUs: 2, maxVUs: 2, gracefulStop: '1s' }",
        ),
        { env: { BASE: target.url } },
      );
      const dropped = metricValue(run, 'dropped_iterations', 'count');
      const iterations = metricValue(run, 'iterations', 'count');
      expect(dropped).toBeGreaterThan(5);
      expect(dropped + iterations).toBe(20);
    } finally {
      target.setDelayMs(0);
    }
  });

  it('ramping-arrival-rate follows ∫rate (0→40/s over 1 s, then 40/s for 1 s = 60 iterations)', async () => {
    const run = await scripts.run(
      script(
        "{ executor: 'ramping-arrival-rate', startRate: 0, timeUnit: '1s', preAllocatedVUs: 5, maxVUs: 20, stages: [{ duration: '1s', target: 40 }, { duration: '1s', target: 40 }] }",
      ),
      { env: { BASE: target.url } },
    );
    expect(metricValue(run, 'iterations', 'count') + metricValue(run, 'dropped_iterations', 'count')).toBe(
      60,
    );
    expect(metricValue(run, 'dropped_iterations', 'count')).toBe(0);
  });

  it('gracefulStop interrupts iterations still running after the scenario end', async () => {
    const run = await scripts.run(
      script(
        "{ executor: 'per-vu-iterations', vus: 2, iterations: 1, maxDuration: '300ms', gracefulStop: '200ms' }",
        'await new Promise((r) => setTimeout(r, 5000));',
      ),
    );
    expect(metricValue(run, 'iterations', 'count')).toBe(0);
    expect(run.durationMs).toBeLessThan(1500);
    expect(run.stderr).toMatch(/2 iterations were interrupted/);
    expect(run.exitCode).toBe(0);
  });

  it('scenarios run in parallel and startTime sequences them; scenario tags reach sub-metrics', async () => {
    const run = await scripts.run(
      `import http from 'k6/http';
export const options = {
  scenarios: {
    first: { executor: 'shared-iterations', vus: 1, iterations: 3, exec: 'a' },
    second: { executor: 'shared-iterations', vus: 1, iterations: 2, exec: 'b', startTime: '300ms', tags: { kind: 'later' } },
  },
  thresholds: { 'iterations{scenario:first}': ['count==3'], 'iterations{kind:later}': ['count==2'] },
};
export async function a() { await http.asyncRequest('GET', __ENV.BASE); }
export async function b() { await http.asyncRequest('GET', __ENV.BASE); }`,
      { env: { BASE: target.url } },
    );
    expect(run.exitCode).toBe(0);
    expect(run.durationMs).toBeGreaterThanOrEqual(300);
  });
});
