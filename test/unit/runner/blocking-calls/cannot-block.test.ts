// The text pre-scan that skips the analysis: it may only answer "cannot block" when no mention of a
// k6 module could reach a blocking function; every doubtful shape must go to the full analysis.
import { describe, expect, it } from 'vitest';
import { cannotBlock } from '../../../../src/runner/blocking-calls/cannot-block.ts';

const PRELUDE = `var import_http = __toESM(require("k6/http"));\nvar import_k6 = require("k6");\n`;

describe('cannotBlock', () => {
  it('proves an async script safe: only non-blocking members are read', () => {
    expect(
      cannotBlock(`${PRELUDE}async function f() {
  const r = await import_http.default.asyncRequest("GET", u, null, { responseCallback: import_http.default.expectedStatuses(200) });
  (0, import_k6.check)(r, { ok: (x) => x.status === 200 });
  (0, import_k6.group)("g", () => 1);
}`),
    ).toBe(true);
    expect(cannotBlock('function f() { return 1; }')).toBe(true);
  });

  it.each([
    ['a blocking http member', `${PRELUDE}import_http.default.get(u);`],
    ['a blocking named import', `${PRELUDE}(0, import_k6.sleep)(1);`],
    ['a blocking member without .default', `${PRELUDE}import_http.batch([u]);`],
    ['the module object as a value', `${PRELUDE}const h = import_http.default; h.get(u);`],
    ['the module binding as a value', `${PRELUDE}use(import_http);`],
    ['a computed member', `${PRELUDE}import_http.default[m](u);`],
    ['a destructuring require', `const { get } = require("k6/http");`],
    ['a require the binding pattern does not cover', `${PRELUDE}use(require("k6"));`],
    ['a user CommonJS require then a blocking call', `const http = require("k6/http");\nhttp.post(u);`],
  ])('leaves %s to the full analysis', (_name, code) => {
    expect(cannotBlock(code)).toBe(false);
  });

  it('is not fooled by names that merely contain the binding', () => {
    expect(cannotBlock(`${PRELUDE}my_import_http.get(u); import_http2.sleep(1);`)).toBe(true);
  });
});
