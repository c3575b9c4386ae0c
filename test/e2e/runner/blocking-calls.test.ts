// Blocking k6 scripts (http.get…, sleep) through runLocal(): the load-time transform makes each VU wait
// on its own calls while the others go on, as in k6 — k6's canonical script does its 100 iterations,
// and blocking http.get keeps up with await http.asyncRequest. Scripts the transform cannot handle
// warn before any VU starts, run on the blocking path and say in the summary's headline that the
// load was not delivered, or are refused (107) in strict mode. The target runs in its own thread.
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/errors.ts';
import { metricValue, ScriptDir } from './runner-harness.ts';
import { type EchoTarget, startEchoTarget } from './sync-http-target.ts';

let target: EchoTarget;
const scripts = new ScriptDir();
beforeAll(async () => {
  target = await startEchoTarget();
});
afterAll(async () => {
  await target.stop();
  scripts.dispose();
});

const BLOCKING_WARNINGS = /sleep\(\) was called|sync http calls|blocking path/;

describe('blocking k6 calls wait per VU', () => {
  it("k6's canonical script (10 VUs, 10 s, http.get + sleep(1)) does 100 ± 2 iterations", async () => {
    const run = await scripts.run(
      `import http from 'k6/http';
import { sleep } from 'k6';
export const options = { vus: 10, duration: '10s' };
export default function () {
  http.get(__ENV.BASE + '/echo');
  sleep(1);
}`,
      { env: { BASE: target.url } },
    );
    expect(run.exitCode).toBe(0);
    const iterations = metricValue(run, 'iterations', 'count');
    expect(iterations).toBeGreaterThanOrEqual(98);
    expect(iterations).toBeLessThanOrEqual(102);
    expect(metricValue(run, 'http_reqs', 'count')).toBe(iterations);
    expect(run.stderr).not.toMatch(BLOCKING_WARNINGS);
    expect(run.stdout).not.toContain('LOAD NOT DELIVERED');
  });

  it('50 VUs of blocking http.get against a 50 ms endpoint reach at least 95 % of the async path’s req/s', async () => {
    // Both paths in one run, side by side (50 VUs each, same target, same event loop): whatever else
    // the machine is doing slows both alike, so the ratio measures the paths, not the machine.
    const run = await scripts.run(
      `import http from 'k6/http';
const vus = { executor: 'constant-vus', vus: 50, duration: '8s' };
export const options = {
  discardResponseBodies: true,
  scenarios: { blocking: { ...vus, exec: 'blocking' }, async: { ...vus, exec: 'asyncPath' } },
  thresholds: { 'http_reqs{scenario:blocking}': ['count>=0'], 'http_reqs{scenario:async}': ['count>=0'] },
};
export function blocking() { http.get(__ENV.BASE + '/delay/50'); }
export async function asyncPath() { await http.asyncRequest('GET', __ENV.BASE + '/delay/50'); }`,
      { env: { BASE: target.url } },
    );
    const blocking = metricValue(run, 'http_reqs{scenario:blocking}', 'count');
    const async = metricValue(run, 'http_reqs{scenario:async}', 'count');
    expect(async).toBeGreaterThan(0);
    expect(blocking / async).toBeGreaterThanOrEqual(0.95);
    expect(run.stderr).not.toMatch(BLOCKING_WARNINGS);
  });

  it('group() lasts until the blocking calls in its callback are done; checks after them land in the group', async () => {
    const run = await scripts.run(
      `import http from 'k6/http';
import { check, group } from 'k6';
export const options = { iterations: 2, thresholds: { 'group_duration{group:::g}': ['max>=0'] } };
export default function () {
  group('g', () => {
    const r = http.get(__ENV.BASE + '/delay/150');
    check(r, { 'in g': (x) => x.status === 200 });
  });
  check(1, { outside: () => true });
}`,
      { env: { BASE: target.url } },
    );
    expect(run.exitCode).toBe(0);
    expect(metricValue(run, 'group_duration{group:::g}', 'min')).toBeGreaterThanOrEqual(145);
    const g = run.summaryData.root_group.groups.find((x) => x.name === 'g');
    expect(g?.checks).toEqual([expect.objectContaining({ name: 'in g', passes: 2, fails: 0 })]);
    expect(run.summaryData.root_group.checks).toEqual([
      expect.objectContaining({ name: 'outside', passes: 2 }),
    ]);
  });

  it('group() still refuses a callback written async, as k6 does', async () => {
    const run = await scripts.run(
      `import http from 'k6/http';
import { group, sleep } from 'k6';
export const options = { iterations: 1 };
export default function () { group('g', async () => { sleep(0.01); }); }`,
    );
    expect(run.stderr).toContain('group() does not support async functions');
  });

  it('an exception after blocking calls points at the user’s file and line', async () => {
    const helper = scripts.write(
      `import http from 'k6/http';\nexport function step(base) {\n  http.get(base + '/echo');\n  throw new Error('step failed');\n}\n`,
    );
    const run = await scripts.run(
      `import { step } from '${helper}';
export const options = { iterations: 1 };
export default function () { step(__ENV.BASE); }`,
      { env: { BASE: target.url } },
    );
    expect(run.stderr).toContain('step failed');
    expect(run.stderr).toContain(`${basename(helper)}:4:9`);
  });

  it('runs in VU worker threads too (workers=2)', async () => {
    const run = await scripts.run(
      `import http from 'k6/http';
import { sleep } from 'k6';
export const options = { vus: 4, iterations: 8 };
export default function () { http.get(__ENV.BASE + '/echo'); sleep(0.1); }`,
      { env: { BASE: target.url }, workers: 2 },
    );
    expect(run.exitCode).toBe(0);
    expect(metricValue(run, 'http_reqs', 'count')).toBe(8);
    expect(run.stderr).not.toMatch(BLOCKING_WARNINGS);
  });
});

/** A pattern the transform cannot follow: a blocking callback given to Array.prototype.filter. */
const UNSUPPORTED = `import http from 'k6/http';
import { sleep } from 'k6';
export const options = { vus: 10, duration: '3s' };
export default function () {
  console.log('iteration');
  const up = ['/echo'].filter((path) => http.get(__ENV.BASE + path).status === 200);
  sleep(0.25);
}`;

describe('scripts the transform cannot handle', () => {
  it('warn before any VU starts, naming file:line:col and the pattern, then run on the blocking path', async () => {
    const run = await scripts.run(UNSUPPORTED, { env: { BASE: target.url } });
    const script = basename(run.scriptPath);
    expect(run.exitCode).toBe(0);
    const warning = run.stderr.indexOf('cannot all be made to wait per VU');
    expect(warning).toBeGreaterThanOrEqual(0);
    expect(warning).toBeLessThan(run.stderr.indexOf('iteration source=console'));
    expect(run.stderr).toContain(`${script}:6:14: arrow function makes blocking calls and is passed to`);
    // The blocking path itself, with its end-of-run warnings.
    expect(run.stderr).toContain('sync http calls (http.get/post/…/request/batch) were made');
  });

  it('head the summary with the load not delivered: iterations done against the executor’s plan', async () => {
    const run = await scripts.run(UNSUPPORTED, { env: { BASE: target.url } });
    const firstLine = run.stdout.trim().split('\n')[0]!;
    const match = /^LOAD NOT DELIVERED: (\d+) iterations done, the executors planned ~(\d+)/.exec(firstLine);
    expect(match, firstLine).not.toBeNull();
    const [done, planned] = [Number(match![1]), Number(match![2])];
    expect(done).toBe(metricValue(run, 'iterations', 'count'));
    // 10 VUs × 3 s / ~0.25 s per iteration ≈ 120 planned; one VU at a time does ≈ 12.
    expect(planned).toBeGreaterThan(60);
    expect(done).toBeLessThan(0.95 * planned);
  });

  it('are refused with 107 in strict mode (option or K6_LOCAL_STRICT_BLOCKING), before any load', async () => {
    for (const options of [{ strictBlocking: true }, { outputEnv: { K6_LOCAL_STRICT_BLOCKING: 'true' } }]) {
      const error = await scripts.run(UNSUPPORTED, { env: { BASE: target.url }, ...options }).catch((e) => e);
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).exitCode).toBe(107);
      expect((error as Error).message).toMatch(/script-\d+\.js:6:14: arrow function makes blocking calls/);
    }
  });
});
