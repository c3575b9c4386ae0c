// workers = 2 splits every scenario across worker threads (k6 execution segments) and must give the
// same iteration counts and arrival rates as one in-process thread.
import { describe, expect, it } from 'vitest';
import { metricValue, ScriptDir, type TestTarget, serveTestTarget } from './runner-harness.ts';

let target: TestTarget;
const scripts = new ScriptDir();
serveTestTarget(scripts, (started) => {
  target = started;
});

const SCRIPT = `import http from 'k6/http';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import exec from 'k6/execution';
const perScenario = new Counter('my_iterations');
const ids = new Trend('iteration_ids');
export const options = {
  scenarios: {
    shared: { executor: 'shared-iterations', vus: 3, iterations: 31, exec: 'hit' },
    perVu: { executor: 'per-vu-iterations', vus: 3, iterations: 5, exec: 'hit' },
    open: { executor: 'constant-arrival-rate', rate: 60, timeUnit: '1s', duration: '1500ms', preAllocatedVUs: 20, exec: 'hit' },
  },
  thresholds: { 'my_iterations{scenario:open}': ['count==90'], 'checks{scenario:shared}': ['rate==1'] },
};
export async function hit() {
  perScenario.add(1);
  ids.add(exec.scenario.iterationInTest);
  const res = await http.asyncRequest('GET', __ENV.BASE + '/w');
  check(res, { ok: (r) => r.status === 200 });
}`;

describe('workers', () => {
  it('workers=2 gives the same counts, checks and arrival schedule as workers=1', async () => {
    const one = await scripts.run(SCRIPT, { env: { BASE: target.url }, workers: 1 });
    const two = await scripts.run(SCRIPT, { env: { BASE: target.url }, workers: 2 });
    for (const run of [one, two]) {
      expect(run.exitCode).toBe(0);
      expect(metricValue(run, 'iterations', 'count')).toBe(31 + 15 + 90);
      expect(metricValue(run, 'http_reqs', 'count')).toBe(136);
      expect(metricValue(run, 'dropped_iterations', 'count')).toBe(0);
      expect(run.summaryData.root_group.checks[0]).toMatchObject({ name: 'ok', passes: 136, fails: 0 });
      // iterationInTest is unique across workers: ids 0..89 of the open scenario, 0..30 shared, 0..14 perVu
      expect(metricValue(run, 'iteration_ids', 'max')).toBe(89);
    }
    expect(metricValue(two, 'vus_max', 'value')).toBe(metricValue(one, 'vus_max', 'value'));
  });

  it('an init error inside a worker is exit 107', async () => {
    await expect(
      scripts.run(`if (__VU > 1) throw new Error('worker init'); export default function () {}`, {
        workers: 2,
        vus: 4,
        iterations: 4,
      }),
    ).rejects.toMatchObject({
      exitCode: 107,
    });
  });
});
