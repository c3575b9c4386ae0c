// The schedule is the contract: thousands of VUs (two worker threads, as chosen for ≥ 500 VUs) end
// within gracefulStop of the planned end whatever the machine's load, vus_max is the peak, and a
// generator that could not start every VU in time says so while it runs — it never under-delivers
// silently. Bounds are generous (busy 2-core machines): behaviour, not speed; speed is bench:ramp's.
import { describe, expect, it } from 'vitest';
import {
  metricValue,
  ScriptDir,
  type ScriptRun,
  type TestTarget,
  serveTestTarget,
} from './runner-harness.ts';

let target: TestTarget;
const scripts = new ScriptDir();
serveTestTarget(scripts, (started) => {
  target = started;
});

const VUS = 5000;
/** Beyond planned end + gracefulStop: the worker hard-stop grace, message latency, a loaded machine. */
const MARGIN_MS = 10_000;

// A tiny request, then a k6/timers pause (sleep() would block every VU of its thread).
const script = (scenario: string) => `import http from 'k6/http';
import { setTimeout } from 'k6/timers';
export const options = { scenarios: { load: ${scenario} } };
export default async function () {
  await http.asyncRequest('GET', __ENV.BASE + '/schedule');
  await new Promise((r) => setTimeout(r, 2000));
}`;

function expectOnSchedule(run: ScriptRun, plannedMs: number, gracefulStopMs: number): void {
  expect(run.exitCode, run.stderr).toBe(0);
  // A blocked event loop delays even the hard stop by as much: the measured worst second is allowed.
  const loopLagMs = metricValue(run, 'local_event_loop_delay', 'max');
  expect(run.durationMs, run.stderr).toBeLessThanOrEqual(plannedMs + gracefulStopMs + MARGIN_MS + loopLagMs);
  expect(metricValue(run, 'vus_max', 'value')).toBe(VUS);
  const peak = metricValue(run, 'vus', 'max');
  expect(peak).toBeGreaterThan(0);
  expect(peak).toBeLessThanOrEqual(VUS);
  // Every VU start is measured against its due instant (what the verdict's lag windows read).
  expect(run.summaryData.metrics.local_iteration_start_lag?.values.max).toBeGreaterThanOrEqual(0);
  if (peak < VUS) expect(run.stderr).toMatch(/load generator is behind its schedule/);
}

describe('the schedule at thousands of VUs', () => {
  it('ramping-vus to 5,000 VUs in 2 s ends on time; vus_max is the peak', async () => {
    const run = await scripts.run(
      script(`{ executor: 'ramping-vus', startVUs: 0, gracefulRampDown: '1s', gracefulStop: '2s',
        stages: [{ duration: '2s', target: ${VUS} }, { duration: '3s', target: ${VUS} }, { duration: '1s', target: 0 }] }`),
      { env: { BASE: target.url } },
    );
    expectOnSchedule(run, 6000, 2000);
  });

  it('constant-vus with 5,000 VUs starts them all at once and ends on time', async () => {
    const run = await scripts.run(
      script(`{ executor: 'constant-vus', vus: ${VUS}, duration: '4s', gracefulStop: '1s' }`),
      { env: { BASE: target.url } },
    );
    expectOnSchedule(run, 4000, 1000);
    expect(metricValue(run, 'iterations', 'count')).toBeGreaterThan(0);
  });
});
