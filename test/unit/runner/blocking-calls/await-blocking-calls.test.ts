// The blocking-call transform on snippets: each case runs the transformed script against fake k6
// modules (blocking functions resolve a few event-loop turns later and log start and end), so a
// missing await shows as a Promise where a value belongs or as calls that overlap; unsupported
// patterns must fall back with the user's file:line:column.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awaitBlockingCalls } from '../../../../src/runner/blocking-calls/await-blocking-calls.ts';
import { bundleScript } from '../../../../src/runner/load-script.ts';
import { formatError } from '../../../../src/runner/vu.ts';
import { instantiate, runTransformed, transform } from './transform-harness.ts';

const HTTP = `import http from 'k6/http';\nimport { sleep, group, check } from 'k6';\n`;

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

  it('nested helpers across modules become async up the call graph, the default export included', async () => {
    const { result, log, outcome } = await runTransformed({
      'script.js': `import { login } from './lib/auth.js';
export default function () { return login('alice') + '/' + login('bob'); }`,
      'lib/auth.js': `import http from 'k6/http';
function send(path) { return http.post('https://api' + path); }
function token(r) { return r.json('token'); }
export function login(user) { const r = send('/login/' + user); return token(r); }`,
    });
    expect(result).toBe('token-of-https://api/login/alice/token-of-https://api/login/bob');
    expect(log).toEqual([
      'POST https://api/login/alice',
      'POST https://api/login/alice done',
      'POST https://api/login/bob',
      'POST https://api/login/bob done',
    ]);
    // send, login and the default export; token() does not block and stays synchronous.
    expect(outcome).toMatchObject({ asyncFunctions: 3 });
  });

  it('closures and functions returned by functions are followed', async () => {
    const { result, log } = await runTransformed(`${HTTP}
const client = (base) => (path) => http.get(base + path);
const withPause = (fn) => function (...args) { sleep(0.5); return fn(...args); };
export default function () {
  const get = client('https://h');
  const slowGet = withPause(get);
  return [get('/a').url, slowGet('/b').url];
}`);
    expect(result).toEqual(['https://h/a', 'https://h/b']);
    expect(log).toEqual([
      'GET https://h/a',
      'GET https://h/a done',
      'sleep 0.5',
      'slept 0.5',
      'GET https://h/b',
      'GET https://h/b done',
    ]);
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

  it("callbacks given to the script's own higher-order functions are followed through parameters", async () => {
    const { result, log } = await runTransformed(`${HTTP}
function retry(fn, times) {
  for (let i = 0; i < times; i++) { const r = fn(); if (r.status === 200) return r; sleep(1); }
  return null;
}
const each = (items, fn) => { for (const item of items) fn(item); };
export default function () {
  each(['p', 'q'], (u) => http.get(u));
  return retry(() => http.get('r'), 3).url;
}`);
    expect(result).toBe('r');
    expect(log).toEqual(['GET p', 'GET p done', 'GET q', 'GET q done', 'GET r', 'GET r done']);
  });

  it('a blocking callback on the result of a blocking helper: receiver, helper call and callback all awaited', async () => {
    const { log } = await runTransformed(`${HTTP}
function list() { return http.get('list').json('ids').split('-'); }
export default function () { list().forEach((id) => http.get(id)); }`);
    expect(log.filter((l) => !l.endsWith('done'))).toEqual(['GET list', 'GET ids', 'GET of', 'GET list']);
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

  it('methods of classes and object literals, this-calls, static methods, .call and .apply', async () => {
    const { result, log } = await runTransformed(`${HTTP}
class Client {
  constructor(base) { this.base = base; }
  get(path) { return http.get(this.base + path); }
  twice(path) { this.get(path); return this.get(path).url; }
  static ping() { return http.get('ping').status; }
}
const api = { list() { return http.get('list'); }, item: function (id) { return http.get('item' + id); } };
function fetchOne(u) { return http.get(u).url; }
export default function () {
  const c = new Client('b/');
  return [c.twice('x'), Client.ping(), api.list().url, api.item(3).url, fetchOne.call(null, 'c'), fetchOne.apply(null, ['d'])];
}`);
    expect(result).toEqual(['b/x', 200, 'list', 'item3', 'c', 'd']);
    expect(log.filter((l) => !l.endsWith('done'))).toEqual([
      'GET b/x',
      'GET b/x',
      'GET ping',
      'GET list',
      'GET item3',
      'GET c',
      'GET d',
    ]);
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

  it('dispatch tables: computed calls and functions that come back from built-ins are awaited', async () => {
    const { result, log } = await runTransformed(`${HTTP}
const flows = { browse() { return http.get('browse').url; }, buy() { sleep(1); return 'bought'; } };
export default function () {
  const out = [flows['browse'](), flows[['buy'][0]]()];
  Object.values(flows).forEach((flow) => { out.push(flow()); });
  return out;
}`);
    expect(result).toEqual(['browse', 'bought', 'browse', 'bought']);
    expect(log).toEqual([
      'GET browse',
      'GET browse done',
      'sleep 1',
      'slept 1',
      'GET browse',
      'GET browse done',
      'sleep 1',
      'slept 1',
    ]);
  });

  it('functions of a CommonJS module inside the script are followed like any other', async () => {
    const { result } = await runTransformed({
      'script.js': `import { fetchUrl } from './lib.cjs';\nexport default function () { return fetchUrl('a'); }`,
      'lib.cjs': `const http = require('k6/http');\nmodule.exports = { fetchUrl(u) { return http.get(u).url; } };`,
    });
    expect(result).toBe('a');
  });

  it('recursion through a blocking function terminates with the right value', async () => {
    const { result } = await runTransformed(`${HTTP}
function crawl(n) { if (n === 0) return 0; http.get('p' + n); return 1 + crawl(n - 1); }
export default function () { return crawl(3); }`);
    expect(result).toBe(3);
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

describe('patterns the transform cannot make wait fall back, naming file, line, column and pattern', () => {
  const fallback = async (files: Record<string, string> | string) => {
    const outcome = await transform(files);
    if (outcome.kind !== 'fallback') throw new Error(`expected a fallback, got ${outcome.kind}`);
    return outcome.problems.map((p) => ({ ...p, file: p.file.slice(outcome.path.lastIndexOf('/') + 1) }));
  };

  it('a blocking callback passed to a built-in other than forEach/map', async () => {
    const problems = await fallback(`${HTTP}
export default function () {
  const ok = ['a', 'b'].filter((u) => http.get(u).status === 200);
}`);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'script.js',
        line: 5,
        column: 14,
        // The call as bundled (esbuild reprints quotes), at the user's own line and column.
        pattern: expect.stringMatching(
          /arrow function makes blocking calls and is passed to `\["a", "b"\]\.filter\(…\)`/,
        ),
      }),
    ]);
  });

  it('a blocking call at the top level (the init context), in a helper module, at its own position', async () => {
    const problems = await fallback({
      'script.js': `import './init.js';\nexport default function () {}`,
      'init.js': `import http from 'k6/http';\n\nconst warm = http.get('x');\nexport { warm };`,
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'init.js',
        line: 3,
        column: 14,
        pattern: expect.stringContaining('init context'),
      }),
    ]);
  });

  it('a blocking call at the top level of a CommonJS module inside the script (its init context)', async () => {
    const problems = await fallback({
      'script.js': `import { warm } from './lib.cjs';\nexport default function () { return warm; }`,
      'lib.cjs': `const http = require('k6/http');\nmodule.exports = { warm: http.get('x').status };`,
    });
    expect(problems).toEqual([
      expect.objectContaining({ file: 'lib.cjs', line: 2, pattern: expect.stringContaining('init context') }),
    ]);
  });

  it('getters, setters, constructors and generators that block', async () => {
    const problems = await fallback(`${HTTP}
class Session {
  constructor() { this.token = http.post('login').json('token'); }
  get profile() { return http.get('me'); }
  *pages() { yield http.get('p1'); }
}
export default function () { const s = new Session(); s.profile; [...s.pages()]; }`);
    const patterns = problems.map((p) => `${p.line}: ${p.pattern}`);
    expect(patterns).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^5: constructor of `Session` makes blocking calls/),
        expect.stringMatching(/^6: getter `Session.profile` makes blocking calls/),
        expect.stringMatching(/^7: generator `Session.pages` makes blocking calls/),
      ]),
    );
  });

  it('a check() condition that blocks (k6 rejects async conditions)', async () => {
    const problems = await fallback(`${HTTP}
export default function () { check(1, { 'remote ok': () => http.get('x').status === 200 }); }`);
    expect(problems[0]).toMatchObject({
      line: 4,
      pattern: expect.stringContaining('is a check() condition'),
    });
  });

  it('a blocking function handed to code the analysis cannot see: a Promise executor, Reflect.apply, eval', async () => {
    const problems = await fallback(`${HTTP}
function fetchIt() { return http.get('x'); }
export default function () {
  new Promise((resolve) => { sleep(1); resolve(); });
  Reflect.apply(fetchIt, null, []);
  eval('fetchIt()');
}`);
    const text = problems.map((p) => `${p.line}:${p.column} ${p.pattern}`).join('\n');
    expect(text).toMatch(/^6:\d+ arrow function makes blocking calls and is passed to `Promise\(…\)`/m);
    expect(text).toMatch(/^7:\d+ fetchIt makes blocking calls and is passed to `Reflect\.apply\(…\)`/m);
    expect(text).toMatch(/^8:3 `eval`: code the transform cannot see/m);
  });

  it('a blocking function used as a value where k6 functions cannot be followed', async () => {
    const problems = await fallback(`${HTTP}
export default function () { return ['a'].some(http.get) || Object.keys(http).length; }`);
    const text = problems.map((p) => p.pattern).join('\n');
    expect(text).toContain('http.get makes blocking calls and is passed to `["a"].some(…)`');
    expect(text).toContain("the 'k6/http' module object is passed to `Object.keys(…)`");
  });

  it('methods of an object literal handed to outside code, which may call them (a getter via defineProperty)', async () => {
    const problems = await fallback(`${HTTP}
export default function () {
  const session = {};
  Object.defineProperty(session, 'token', { get() { return http.post('login').json('token'); } });
  return session.token;
}`);
    expect(problems[0]).toMatchObject({
      line: 6,
      pattern: expect.stringContaining('passed to `Object.defineProperty(…)`'),
    });
  });

  it('a blocking call inside an optional chain that goes on after it', async () => {
    const problems = await fallback(`${HTTP}
const api = { get(u) { return http.get(u); } };
export default function (data) { api.get('warm'); return data?.api.get('x').status; }`);
    expect(problems[0]!.pattern).toContain('optional chain');
  });

  it('a call that may reach both a function the user wrote async and one that blocks', async () => {
    const problems = await fallback(`${HTTP}
const a = { load() { return http.get('x'); } };
const b = { async load() { return 1; } };
export default function (o) { o.load(); return [a, b]; }`);
    expect(problems[0]!.pattern).toContain('may reach both an async function');
  });

  it('blocking calls in parameter defaults and class fields', async () => {
    const problems = await fallback(`${HTTP}
function f(r = http.get('d')) { return r; }
class C { r = http.get('f'); }
export default function () { f(); new C(); }`);
    expect(problems.map((p) => p.pattern)).toEqual([
      expect.stringContaining('parameter default'),
      expect.stringContaining('class field'),
    ]);
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
