// Loads a k6 script (.js ESM/CJS or .ts) once: esbuild bundles relative imports, keeps every bare
// specifier external, maps __VU/__ITER/__ENV to the per-VU object and emits CommonJS; node:vm
// compiles it ONCE into a factory that each VU calls for its own module instance. Imports other than
// the supported k6 modules fail here, before any load (exit 107). A script the blocking-call
// transform rewrote is compiled with `awaitsBlockingCalls`: its VUs get the promise-returning k6
// functions and the transform's runtime helpers. Runs in: Node (any runner thread).
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import vm from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { EngineError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { BLOCKING_RUNTIME } from './blocking-calls/blocking-runtime.ts';
import { RUNTIME_NAME } from './blocking-calls/k6-blocking-api.ts';
import { createVuConsole, createVuRequire, SUPPORTED_MODULES } from './modules/vu-modules.ts';
import { createTimersModule } from './modules/timers.ts';
import { registerSourceMap } from './script-source-maps.ts';
import type { Vu } from './vu.ts';

type ScriptFactory = (
  require: (name: string) => unknown,
  module: { exports: Record<string, unknown> },
  exports: Record<string, unknown>,
  __k6vu: Vu['globals'],
  console: unknown,
  setTimeout: unknown,
  clearTimeout: unknown,
  setInterval: unknown,
  clearInterval: unknown,
  blockingRuntime: unknown,
) => void;

/** A script compiled once; `instantiate` runs its init context for one VU. */
export interface CompiledScript {
  readonly path: string;
  readonly code: string;
  readonly factory: ScriptFactory;
  /** The blocking-call transform rewrote `code`: k6's blocking functions must return promises. */
  readonly awaitsBlockingCalls: boolean;
}

const PARAMS = `require, module, exports, __k6vu, console, setTimeout, clearTimeout, setInterval, clearInterval, ${RUNTIME_NAME}`;

/** Bundle and check imports; returns the CommonJS source (also what workers compile). */
export async function bundleScript(scriptPath: string): Promise<string> {
  const path = resolve(scriptPath);
  if (!existsSync(path)) throw new EngineError(`script not found: ${scriptPath}`, ExitCode.scriptError);
  const external = new Set<string>();
  const externalize: Plugin = {
    name: 'k6-externals',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || args.path.startsWith('.') || isAbsolute(args.path))
          return undefined;
        external.add(args.path);
        return { path: args.path, external: true };
      });
    },
  };
  let code: string;
  try {
    const result = await build({
      entryPoints: [path],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'neutral',
      target: 'es2022',
      sourcemap: 'inline',
      sourcesContent: false,
      logLevel: 'silent',
      define: { __VU: '__k6vu.id', __ITER: '__k6vu.iter', __ENV: '__k6vu.env' },
      plugins: [externalize],
    });
    code = result.outputFiles[0]!.text;
  } catch (error) {
    const message = (
      error as { errors?: { text: string; location?: { file: string; line: number } }[] }
    ).errors
      ?.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text))
      .join('\n  ');
    throw new EngineError(
      `cannot load script ${scriptPath}: ${message ?? String(error)}`,
      ExitCode.scriptError,
      { cause: error },
    );
  }
  const unsupported = [...external].filter((name) => !SUPPORTED_MODULES.includes(name));
  if (unsupported.length)
    throw new EngineError(
      `${scriptPath}: unsupported module${unsupported.length > 1 ? 's' : ''} ${unsupported.map((m) => `'${m}'`).join(', ')} ` +
        `(the local runner supports ${SUPPORTED_MODULES.join(', ')}; node builtins, k6/x/*, remote jslib and other k6 modules are not available)`,
      ExitCode.scriptError,
    );
  return code;
}

/** Compile bundled code once (first line kept in place so stack line numbers stay close). */
export function compileScript(path: string, code: string, awaitsBlockingCalls = false): CompiledScript {
  registerSourceMap(resolve(path), code);
  const script = new vm.Script(`(function (${PARAMS}) {${code}\n})`, { filename: resolve(path) });
  return { path, code, factory: script.runInThisContext() as ScriptFactory, awaitsBlockingCalls };
}

/** Run the init context for `vu` and return its exports. Errors propagate (caller maps to 107). */
export function instantiateScript(script: CompiledScript, vu: Vu): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const timers = createTimersModule(vu);
  vu.inInit = true;
  try {
    script.factory(
      createVuRequire(vu, script.awaitsBlockingCalls),
      module,
      module.exports,
      vu.globals,
      createVuConsole(vu),
      timers.setTimeout,
      timers.clearTimeout,
      timers.setInterval,
      timers.clearInterval,
      BLOCKING_RUNTIME,
    );
  } finally {
    vu.inInit = false;
  }
  vu.exports = module.exports;
  return module.exports;
}
