// The blocking-call transform following blocking calls through the script's own code: helpers across
// modules (ES and CommonJS), closures and returned functions, callbacks through parameters, methods
// of classes and object literals, dispatch tables, recursion.
// The harness (transform-harness.ts) runs each transformed snippet against fake k6 modules whose
// blocking functions resolve a few event-loop turns later and log start and end, so a missing await
// shows as a Promise where a value belongs or as calls that overlap.
import { describe, expect, it } from 'vitest';
import { HTTP } from './snippet-prelude.ts';
import { runTransformed } from './transform-harness.ts';

describe('blocking k6 calls become awaited calls', () => {
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
});
