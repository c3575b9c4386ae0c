// What the blocking-call transform cannot make wait: each pattern must fall back (the script runs as
// bundled, on the blocking path) with the user's own file:line:column and the pattern in words.
import { describe, expect, it } from 'vitest';
import { HTTP } from './snippet-prelude.ts';
import { transform } from './transform-harness.ts';

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
