// The blocking-call transform and the order things run in: loops, forEach/map callbacks run in
// sequence, exceptions through awaited calls, try/finally, timer and promise callbacks — and the
// source map that sends an exception's stack back to the line the user wrote.
// The harness (transform-harness.ts) runs each transformed snippet against fake k6 modules whose
// blocking functions resolve a few event-loop turns later and log start and end, so a missing await
// shows as a Promise where a value belongs or as calls that overlap.
import { describe, expect, it } from 'vitest';
import { formatError } from '../../../../src/runner/vu.ts';
import { HTTP } from './snippet-prelude.ts';
import { instantiate, runTransformed, transform } from './transform-harness.ts';

describe('blocking k6 calls become awaited calls', () => {
  it('loops: for, while, do…while and for…of wait for each blocking call in turn', async () => {
    const { result, log } = await runTransformed(`${HTTP}
export default function () {
  let n = 0;
  for (let i = 0; i < 2; i++) http.get('for' + i);
  while (n < 1) { sleep(n); n++; }
  do { n++; } while (http.get('do' + n).status !== 200);
  for (const u of ['x', 'y']) http.get(u);
  return n;
}`);
    expect(result).toBe(2);
    // Each call ends before the next starts: start/end pairs in order.
    expect(log).toEqual(
      ['GET for0', 'GET for1', 'sleep 0', 'GET do2', 'GET x', 'GET y'].flatMap((call) => [
        call,
        call.startsWith('sleep') ? call.replace('sleep', 'slept') : `${call} done`,
      ]),
    );
  });

  it('forEach and map callbacks that block run one after another, as in k6; map keeps the results', async () => {
    const { result, log } = await runTransformed(`${HTTP}
export default function () {
  ['a', 'b'].forEach((u) => { http.get(u); });
  new Map([['k', 'm']]).forEach((v, k) => { http.get(k + v); });
  const urls = ['c', , 'd'];
  return urls.map((u, i) => http.get(u).url + i);
}`);
    expect(result).toEqual(['c0', undefined, 'd2']);
    expect(result).toHaveLength(3);
    expect(log).toEqual([
      'GET a',
      'GET a done',
      'GET b',
      'GET b done',
      'GET km',
      'GET km done',
      'GET c',
      'GET c done',
      'GET d',
      'GET d done',
    ]);
  });

  it('exceptions propagate through awaited calls; catch and finally run after the blocking calls before them', async () => {
    const outcome = await transform(`${HTTP}
function failing() { http.get('first'); throw new Error('boom'); }
export default function () {
  try { failing(); } catch (e) { sleep(0.1); console.log('caught', e.message); }
  finally { http.del('cleanup'); }
  return failing();
}`);
    const { exports, log } = instantiate(outcome);
    await expect(exports.default!()).rejects.toThrow('boom');
    expect(log).toEqual([
      'GET first',
      'GET first done',
      'sleep 0.1',
      'slept 0.1',
      'log caught boom',
      'DELETE cleanup',
      'DELETE cleanup done',
      'GET first',
      'GET first done',
    ]);
  });

  it('a blocking call returned from inside try waits before finally runs', async () => {
    const { result, log } = await runTransformed(`${HTTP}
export default function () {
  try { return http.get('in-try').url; } finally { console.log('finally'); }
}`);
    expect(result).toBe('in-try');
    expect(log).toEqual(['GET in-try', 'GET in-try done', 'log finally']);
  });

  it('timer and promise callbacks that block are made async where it changes nothing for their caller', async () => {
    const outcome = await transform(`${HTTP}
import { setTimeout } from 'k6/timers';
export default async function () {
  await new Promise((resolve) => setTimeout(() => { http.get('timer'); resolve(); }, 1));
  return Promise.resolve('p').then((u) => http.get(u).url);
}`);
    expect(outcome.kind).toBe('awaited');
    const { exports } = instantiate(outcome);
    expect(await exports.default!()).toBe('p');
  });
});

describe('source maps', () => {
  it('an exception after awaited calls points at the line the user wrote, in the file they wrote it', async () => {
    const outcome = await transform({
      'script.js': `import { step } from './steps.js';\nexport default function () { step(); }`,
      'steps.js': `import http from 'k6/http';\n\nexport function step() {\n  http.get('x');\n  null.boom;\n}`,
    });
    const { exports } = instantiate(outcome);
    const error = await (exports.default!() as Promise<unknown>).catch((e: unknown) => e);
    const formatted = formatError(error);
    expect(formatted).toMatch(/steps\.js:5:8/);
    expect(formatted).toMatch(/script\.js:2:30/);
  });
});
