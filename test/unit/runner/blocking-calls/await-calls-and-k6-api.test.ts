// The blocking-call transform on the k6 API itself: blocking calls as values in expressions, setup/
// teardown/exec exports, group(), http.batch, the ways a k6 module is imported or aliased, functions
// the user wrote async — and scripts with nothing to transform, left exactly as bundled.
// The harness (transform-harness.ts) runs each transformed snippet against fake k6 modules whose
// blocking functions resolve a few event-loop turns later and log start and end, so a missing await
// shows as a Promise where a value belongs or as calls that overlap.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awaitBlockingCalls } from '../../../../src/runner/blocking-calls/await-blocking-calls.ts';
import { bundleScript } from '../../../../src/runner/load-script.ts';
import { HTTP } from './snippet-prelude.ts';
import { instantiate, runTransformed, transform } from './transform-harness.ts';

describe('blocking k6 calls become awaited calls', () => {
  it("k6's canonical iteration: the request finishes before the sleep starts, the sleep before the iteration ends", async () => {
    const { log, outcome } = await runTransformed(
      `${HTTP}export default function () { http.get(__ENV.BASE); sleep(1); }`,
    );
    expect(log).toEqual(['GET http://x', 'GET http://x done', 'sleep 1', 'slept 1']);
    expect(outcome).toMatchObject({ kind: 'awaited', awaitedCalls: 2, asyncFunctions: 1 });
  });

  it('return values of blocking calls are values inside expressions, conditions and arguments', async () => {
    const { result, log } = await runTransformed(`${HTTP}
export default function () {
  const sum = http.get('a').status + 1;
  const token = http.post('b').json('token');
  const ok = check(http.get('c'), { 'is 200': (r) => r.status === 200 });
  const picked = sum > 200 ? http.get('yes').url : http.get('no').url;
  const skipped = sum < 0 && http.get('never');
  return { sum, token, ok, picked, skipped, text: \`\${http.get('t').url}!\` };
}`);
    expect(result).toEqual({
      sum: 201,
      token: 'token-of-b',
      ok: true,
      picked: 'yes',
      skipped: false,
      text: 't!',
    });
    expect(log).toContain('check is 200 ok');
    expect(log.filter((l) => l.startsWith('GET no') || l.startsWith('GET never'))).toEqual([]);
  });

  it('setup, teardown and exec functions are exported async; setup data comes from a blocking call', async () => {
    const outcome = await transform(`${HTTP}
export const options = { scenarios: { s: { executor: 'shared-iterations', exec: 'browse' } } };
export function setup() { return { token: http.post('login').json('token') }; }
export function browse(data) { http.get('items?t=' + data.token); }
export function teardown(data) { http.del('session/' + data.token); }`);
    const { exports, log } = instantiate(outcome);
    const data = await exports.setup!();
    await exports.browse!(data);
    await exports.teardown!(data);
    expect(data).toEqual({ token: 'token-of-login' });
    expect(log.filter((l) => !l.endsWith('done'))).toEqual([
      'POST login',
      'GET items?t=token-of-login',
      'DELETE session/token-of-login',
    ]);
    expect(typeof exports.options).toBe('object');
  });

  it('group() waits for a callback the transform made async, nested too, and returns its value', async () => {
    const { result, log } = await runTransformed(`${HTTP}
export default function () {
  const inner = group('outer', () => {
    http.get('a');
    return group('inner', function () { sleep(1); return http.get('b').status; });
  });
  group('plain', () => 1);
  return inner;
}`);
    expect(result).toBe(200);
    expect(log).toEqual([
      'group outer (made async)',
      'GET a',
      'GET a done',
      'group inner (made async)',
      'sleep 1',
      'slept 1',
      'GET b',
      'GET b done',
      'end inner',
      'end outer',
      'group plain',
      'end plain',
    ]);
  });

  it('group() still refuses a callback the user wrote async (as k6 does), even when it blocks inside', async () => {
    const outcome = await transform(`${HTTP}
export default function () { group('g', async () => { sleep(1); }); }`);
    expect(outcome.kind).toBe('awaited');
    const { exports } = instantiate(outcome);
    await expect((async () => exports.default!())()).rejects.toThrow(
      'group() does not support async functions',
    );
  });

  it('http.batch is awaited as one call: its requests overlap, its responses are values', async () => {
    const { result, log } = await runTransformed(`${HTTP}
export default function () {
  const [a, b] = http.batch(['u1', 'u2']);
  return a.url + b.url;
}`);
    expect(result).toBe('u1u2');
    expect(log).toEqual(['BATCH u1', 'BATCH u2', 'BATCH u1 done', 'BATCH u2 done']);
  });

  it('named, namespace and CommonJS imports of k6 modules, and a destructured blocking function', async () => {
    const { result, log } = await runTransformed(`import { get } from 'k6/http';
import * as k6 from 'k6';
const http = require('k6/http');
const { del } = http;
export default function () { k6.sleep(2); const r = get('n'); del('d'); return r.url + http.get('c').url; }`);
    expect(result).toBe('nc');
    expect(log.filter((l) => !l.endsWith('done') && !l.startsWith('slept'))).toEqual([
      'sleep 2',
      'GET n',
      'DELETE d',
      'GET c',
    ]);
  });

  it('aliases of the module object and of blocking functions are followed', async () => {
    const { result, log } = await runTransformed(`${HTTP}
const client = http;
const api = { http };
const pause = sleep;
export default function () { const r = client.get('a'); pause(1); return r.url + api.http.post('b').url; }`);
    expect(result).toBe('ab');
    expect(log).toEqual(['GET a', 'GET a done', 'sleep 1', 'slept 1', 'POST b', 'POST b done']);
  });

  it('a function the user wrote async gets awaits inside, and its own callers are left alone', async () => {
    const { result, log } = await runTransformed(`${HTTP}
async function both() { sleep(1); return (await http.asyncRequest('GET', 'a')).url; }
export default async function () {
  const pending = both();
  const [r] = await Promise.all([pending]);
  return r;
}`);
    expect(result).toBe('a');
    expect(log).toEqual(['sleep 1', 'slept 1', 'ASYNC GET a', 'ASYNC GET a done']);
  });
});

describe('scripts with nothing to transform are left exactly as bundled', () => {
  it('an async script (http.asyncRequest, k6/timers pause) is unchanged', async () => {
    const outcome = await transform(`import http from 'k6/http';
import { check, group } from 'k6';
export default async function () {
  const r = await http.asyncRequest('GET', __ENV.BASE);
  group('sync group', () => check(r, { ok: (x) => x.status === 200 }));
  await new Promise((resolve) => setTimeout(resolve, 10));
}`);
    expect(outcome.kind).toBe('none');
  });

  it("the project's own scenario bundle (async throughout) is left byte for byte as bundled", async () => {
    const scenario = resolve(import.meta.dirname, '../../../../scenarios/smoke.ts');
    const bundled = await bundleScript(scenario);
    expect(awaitBlockingCalls(bundled, scenario)).toEqual({ kind: 'none', code: bundled });
  });

  it('a script without k6/http or k6 is unchanged', async () => {
    expect((await transform(`export default function () { return 1; }`)).kind).toBe('none');
  });
});
