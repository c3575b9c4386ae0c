// The blocking k6/http API (get/post/del/request/batch) through runLocal(), on both of its paths: the
// load-time transform's (awaited, as asyncRequest) and the blocking path a script the transform
// cannot handle falls back to (the sync HTTP helper worker). Each: k6 semantics for the calling VU,
// the same http_req_* metrics and tags as asyncRequest, timeouts as status 0 + error_code, parallel
// batch; the blocking path adds the end-of-run serialisation warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const VERBS_SCRIPT = `import http from 'k6/http';
import { check } from 'k6';
export const options = { vus: 2, iterations: 4, thresholds: { 'http_reqs{name:echo-get}': ['count==4'] } };
export default function () {
  const base = __ENV.BASE;
  const get = http.get(base + '/echo?q=1', { tags: { name: 'echo-get' } });
  check(get, {
    'get 200': (r) => r.status === 200 && r.json('method') === 'GET' && r.json('path') === '/echo?q=1',
    'get headers': (r) => r.headers['Content-Type'] === 'application/json',
    'get timings': (r) => r.timings.duration > 0 && r.timings.waiting > 0,
  });
  const post = http.post(base + '/echo', JSON.stringify({ a: 1 }), { headers: { 'Content-Type': 'application/json', 'X-Test': 'yes' } });
  check(post, { 'post json body': (r) => r.json().body === '{"a":1}' && r.json('type') === 'application/json' && r.json('test') === 'yes' });
  const form = http.post(base + '/echo', { k: 'v w' });
  check(form, { 'post form': (r) => r.json('body') === 'k=v+w' && r.json('type') === 'application/x-www-form-urlencoded' });
  check(http.del(base + '/echo'), { 'del': (r) => r.json('method') === 'DELETE' });
  check(http.request('PUT', base + '/echo', 'v'), { 'put': (r) => r.json('method') === 'PUT' && r.json('body') === 'v' });
  const notFound = http.get(base + '/status/404', { responseCallback: http.expectedStatuses(404) });
  check(notFound, { '404 expected': (r) => r.status === 404 && r.error_code === 0 });
  check(http.get(base + '/status/500'), { '500 unexpected': (r) => r.status === 500 });
}`;

/** Appended to a script: hands the module object to code the transform cannot follow, so it falls back. */
const FORCE_BLOCKING_PATH =
  '\n// Object.keys() gets the module object: the transform falls back to the blocking path.\nObject.keys(http);\n';
const SYNC_WARNING = 'sync http calls (http.get/post/…/request/batch) were made';

describe.each([
  { path: 'awaited path (transformed)', suffix: '', blocking: false },
  { path: 'blocking path (transform falls back)', suffix: FORCE_BLOCKING_PATH, blocking: true },
])('sync k6/http in the local runner, $path', ({ suffix, blocking }) => {
  const runScript = (source: string, options: Parameters<ScriptDir['run']>[1] = {}) =>
    scripts.run(source + suffix, options);

  it('verb helpers work with k6 semantics: checks, exact http_reqs, http_req_failed, tags, warning', async () => {
    const run = await scripts.run(VERBS_SCRIPT + suffix, { env: { BASE: target.url } });
    expect(run.exitCode).toBe(0);
    expect(metricValue(run, 'checks', 'rate')).toBe(1);
    expect(metricValue(run, 'checks', 'passes')).toBe(4 * 9);
    expect(metricValue(run, 'http_reqs', 'count')).toBe(4 * 7);
    // one 500 per iteration is the only unexpected response
    expect(metricValue(run, 'http_req_failed', 'passes')).toBe(4);
    expect(metricValue(run, 'http_req_failed', 'rate')).toBeCloseTo(1 / 7, 6);
    expect(metricValue(run, 'http_reqs{name:echo-get}', 'count')).toBe(4);
    expect(metricValue(run, 'http_req_duration', 'min')).toBeGreaterThan(0);
    expect(metricValue(run, 'data_received', 'count')).toBeGreaterThan(0);
    if (blocking) {
      expect(run.stderr).toContain(SYNC_WARNING);
      expect(run.stderr).toContain('await http.asyncRequest(');
    } else expect(run.stderr).not.toContain(SYNC_WARNING);
  });

  it('a response slower than params.timeout is status 0 with error_code 1050', async () => {
    const run = await runScript(
      `import http from 'k6/http';
import { check } from 'k6';
export const options = { iterations: 1, thresholds: { 'http_reqs{error_code:1050}': ['count==1'] } };
export default function () {
  const started = Date.now();
  const r = http.get(__ENV.BASE + '/delay/3000', { timeout: '300ms' });
  check(r, {
    'status 0': (x) => x.status === 0,
    'code 1050': (x) => x.error_code === 1050 && x.error === 'request timeout',
    'not waited out': () => Date.now() - started < 2500,
  });
}`,
      { env: { BASE: target.url } },
    );
    expect(metricValue(run, 'checks', 'rate')).toBe(1);
    expect(metricValue(run, 'http_req_failed', 'passes')).toBe(1);
    expect(metricValue(run, 'http_reqs{error_code:1050}', 'count')).toBe(1);
    expect(metricValue(run, 'http_reqs', 'count')).toBe(1);
  });

  it('http.batch runs its requests in parallel and keeps the array and object shapes', async () => {
    await target.resetPeak();
    const run = await runScript(
      `import http from 'k6/http';
import { check } from 'k6';
import { Trend } from 'k6/metrics';
const batchMs = new Trend('batch_ms', true);
export const options = { iterations: 1 };
export default function () {
  const d = __ENV.BASE + '/delay/600';
  const started = Date.now();
  const list = http.batch([d, ['POST', d, 'x', { tags: { name: 'batch-post' } }], { method: 'PUT', url: d, body: 'y' }]);
  batchMs.add(Date.now() - started);
  check(list, {
    'array shape': (rs) => Array.isArray(rs) && rs.length === 3,
    'array order': (rs) => rs[0].json('method') === 'GET' && rs[1].json('body') === 'x' && rs[2].json('body') === 'y',
  });
  const named = http.batch({ first: __ENV.BASE + '/echo', second: ['DELETE', __ENV.BASE + '/echo'] });
  check(named, { 'object shape': (rs) => rs.first.json('method') === 'GET' && rs.second.json('method') === 'DELETE' });
}`,
      { env: { BASE: target.url } },
    );
    expect(metricValue(run, 'checks', 'rate')).toBe(1);
    expect(metricValue(run, 'http_reqs', 'count')).toBe(5);
    // In parallel: the target saw all three at once (an elapsed-time bound would fail on a busy
    // machine); the batch still waited for the slowest.
    expect(await target.peakInFlight()).toBeGreaterThanOrEqual(3);
    expect(metricValue(run, 'batch_ms', 'max')).toBeGreaterThanOrEqual(590);
  });

  it('works inside VU worker threads (workers=2) with the same counts (and the warning on the blocking path)', async () => {
    const run = await scripts.run(VERBS_SCRIPT + suffix, { env: { BASE: target.url }, workers: 2 });
    expect(run.exitCode).toBe(0);
    expect(metricValue(run, 'checks', 'rate')).toBe(1);
    expect(metricValue(run, 'http_reqs', 'count')).toBe(4 * 7);
    expect(metricValue(run, 'http_req_failed', 'passes')).toBe(4);
    expect(run.stderr.includes(SYNC_WARNING)).toBe(blocking);
  });

  it('sync calls in setup() do not trigger the warning', async () => {
    const run = await runScript(
      `import http from 'k6/http';
import { check } from 'k6';
export const options = { iterations: 1 };
export function setup() { return http.get(__ENV.BASE + '/echo').json('method'); }
export default async function (method) {
  check(await http.asyncRequest('GET', __ENV.BASE), { 'setup got GET': () => method === 'GET' });
}`,
      { env: { BASE: target.url } },
    );
    expect(metricValue(run, 'checks', 'passes')).toBe(1);
    expect(metricValue(run, 'http_reqs', 'count')).toBe(2);
    expect(run.stderr).not.toContain('sync http calls');
  });
});
