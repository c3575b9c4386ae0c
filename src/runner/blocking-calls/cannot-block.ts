// A quick proof, on the bundle's text, that a script cannot make a blocking k6 call, so the parse and
// the analysis (~0.1–0.3 s on a 130 KB bundle) are skipped for scripts already written async — the
// project's own bundles among them. esbuild binds each k6 module once (`var import_http =
// __toESM(require("k6/http"));`); when every other mention of those names reads a function that does
// not block (`import_http.default.asyncRequest`, `(0, import_k6.check)`), nothing can block. Anything
// else — an alias, a computed read, a destructuring `require`, a shadowing name — is left to the full
// analysis: this may only say "cannot block", never "blocks". Runs in: Node (load time).
import { BLOCKING_FUNCTIONS } from './k6-blocking-api.ts';

const MODULES = Object.keys(BLOCKING_FUNCTIONS);
const REQUIRE = /\brequire\(\s*["'](k6(?:\/http)?)["']\s*\)/g;
const BINDING =
  /\b(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:__toESM\d*\(\s*)?require\(\s*["'](k6(?:\/http)?)["']\s*\)\s*\)?\s*[;,\n]/g;

const asPattern = (name: string) => name.replace(/\$/g, '\\$');

export function cannotBlock(code: string): boolean {
  const requires = [...code.matchAll(REQUIRE)].length;
  const bindings = [...code.matchAll(BINDING)];
  if (bindings.length !== requires) return false;
  for (const binding of bindings) {
    const [declaration, name, module] = binding as unknown as [string, string, string];
    if (!MODULES.includes(module)) continue;
    const blocking = BLOCKING_FUNCTIONS[module]!;
    const mention = new RegExp(
      `(?<![\\w$.])${asPattern(name)}(?![\\w$])((?:\\.default)?\\.([A-Za-z_$][\\w$]*))?`,
      'g',
    );
    for (const match of code.matchAll(mention)) {
      if (match.index === binding.index! + declaration.indexOf(name)) continue;
      const member = match[2];
      if (member === undefined || member === 'default' || blocking.includes(member)) return false;
    }
  }
  return true;
}
