#!/usr/bin/env node
// Bundles every scenarios/*.ts into dist/<name>.js: one self-contained ES module per scenario that real
// k6 (≥ v0.53.0: src/engine/k6-version/k6-requirements.ts says why) runs as is and the local runner
// executes. `k6` and `k6/*` stay external; any other import (Node built-ins, npm packages, files
// outside scenarios/ and src/vu/) fails the build.
// Type errors fail it too (tsc on the VU code) unless --no-typecheck is given.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(fileURLToPath(import.meta.url));
const allowedRoots = [path.join(root, 'scenarios'), path.join(root, 'src', 'vu')];
const args = new Set(process.argv.slice(2));

/** Keeps k6 modules external and rejects everything a VU cannot load. */
const vuImportGuard = {
  name: 'vu-import-guard',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (/^k6(\/.*)?$/.test(args.path)) return { path: args.path, external: true };
      if (args.path.startsWith('.')) {
        const resolved = path.resolve(args.resolveDir, args.path);
        if (allowedRoots.some((dir) => resolved.startsWith(dir + path.sep))) return undefined;
        return {
          errors: [
            {
              text: `VU code may only import from scenarios/ and src/vu/, not "${path.relative(root, resolved)}"`,
            },
          ],
        };
      }
      return {
        errors: [
          {
            text: `VU code may import only "k6" and "k6/*" modules, not "${args.path}" (it runs inside k6, not Node)`,
          },
        ],
      };
    });
  },
};

const cacheDir = path.join(root, 'node_modules', '.cache', 'c4ang-perf');
const checkedStamp = path.join(cacheDir, 'vu-typecheck.sha256');

/** Hash of everything the VU type check reads: when it matches the last clean check, skip tsc. */
function vuSourcesHash() {
  const hash = createHash('sha256');
  const files = ['tsconfig.base.json', 'tsconfig.vu.json', 'package-lock.json'];
  for (const dir of ['scenarios', path.join('src', 'vu')]) {
    for (const entry of readdirSync(path.join(root, dir), { recursive: true })) {
      if (String(entry).endsWith('.ts')) files.push(path.join(dir, String(entry)));
    }
  }
  for (const file of files.sort()) hash.update(file).update(readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

async function typecheck() {
  const sourcesHash = vuSourcesHash();
  try {
    if (readFileSync(checkedStamp, 'utf8') === sourcesHash) return { ok: true, cached: true };
  } catch {
    // no stamp yet: check
  }
  const ok = await runTypeScript();
  if (ok) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(checkedStamp, sourcesHash);
  }
  return { ok, cached: false };
}

async function runTypeScript() {
  const { default: ts } = await import('typescript');
  const configPath = path.join(root, 'tsconfig.vu.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  // Incremental: the build info lets a rebuild with unchanged VU code skip most of the checking.
  const options = {
    ...config.options,
    incremental: true,
    tsBuildInfoFile: path.join(cacheDir, 'vu.tsbuildinfo'),
  };
  const builder = ts.createIncrementalProgram({ rootNames: config.fileNames, options });
  const diagnostics = [
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ];
  builder.emit();
  if (diagnostics.length === 0) return true;
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  return false;
}

/** Bundle `entries` into `outdir`; resolves to esbuild's result or `{ error }` (never throws). */
export function bundleScenarios(entries, outdir) {
  return esbuild
    .build({
      entryPoints: entries,
      outdir,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      // Sobek (k6's JS engine) supports ES2020 syntax; newer syntax is lowered.
      target: 'es2020',
      sourcemap: 'inline',
      minify: false,
      logLevel: 'silent',
      plugins: [vuImportGuard],
      metafile: true,
    })
    .catch((error) => ({ error }));
}

async function main() {
  const started = performance.now();
  const entries = readdirSync(path.join(root, 'scenarios'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(root, 'scenarios', file));
  // Bundle first (esbuild works in its own process), then type-check: tsc blocks this thread, so
  // doing both at once would only blur what each costs.
  const result = await bundleScenarios(entries, path.join(root, 'dist'));
  const bundleMs = Math.round(performance.now() - started);
  let typecheckNote = 'skipped';
  let typesOk = true;
  if (!args.has('--no-typecheck')) {
    const checkStarted = performance.now();
    const outcome = await typecheck();
    typesOk = outcome.ok;
    typecheckNote = `${outcome.cached ? 'sources unchanged, ' : ''}${Math.round(performance.now() - checkStarted)} ms`;
  }
  if (result.error) {
    const messages = await esbuild.formatMessages(result.error.errors ?? [], {
      kind: 'error',
      color: process.stderr.isTTY,
    });
    process.stderr.write(messages.join('') || `${result.error.message}\n`);
  }
  if (!typesOk || result.error) {
    process.stderr.write(
      `build failed: ${!typesOk ? 'type errors in VU code' : ''}${!typesOk && result.error ? ' and ' : ''}${result.error ? 'bundling errors' : ''} (see above)\n`,
    );
    process.exitCode = 1;
    return;
  }
  for (const entry of entries) {
    const name = path.basename(entry, '.ts');
    const size = statSync(path.join(root, 'dist', `${name}.js`)).size;
    process.stdout.write(`built dist/${name}.js  ${(size / 1024).toFixed(1)} KiB\n`);
  }
  process.stdout.write(
    `${entries.length} bundles in ${bundleMs} ms (VU type check: ${typecheckNote}; ${Math.round(performance.now() - started)} ms in all)\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
