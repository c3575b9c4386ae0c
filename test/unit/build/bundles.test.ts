// The bundles real k6 runs: self-contained ES modules whose only imports are k6 modules, and a
// build that refuses VU code importing anything a VU cannot load.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { bundleScenarios } from '../../../build.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const scenarios = readdirSync(path.join(root, 'scenarios')).filter((f) => f.endsWith('.ts'));
let outdir: string;

beforeAll(async () => {
  outdir = mkdtempSync(path.join(tmpdir(), 'bundles-'));
  const result = await bundleScenarios(
    scenarios.map((f) => path.join(root, 'scenarios', f)),
    outdir,
  );
  expect('error' in result ? result.error : undefined).toBeUndefined();
});

const importsOf = (code: string) =>
  [...code.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('scenario bundles', () => {
  test('there is one bundle per profile', () => {
    expect(scenarios.map((f) => f.replace('.ts', '')).sort()).toEqual([
      'breakpoint',
      'normal',
      'security',
      'smoke',
      'soak',
      'spike',
      'stress',
    ]);
  });

  test.each(scenarios.map((f) => f.replace('.ts', '.js')))(
    '%s imports only k6 modules and no Node built-in',
    (file) => {
      const code = readFileSync(path.join(outdir, file), 'utf8');
      const imports = importsOf(code);
      expect(imports.length).toBeGreaterThan(0);
      for (const specifier of imports) expect(specifier).toMatch(/^k6(\/[a-z-]+)*$/);
      for (const builtin of builtinModules) {
        expect(code).not.toMatch(new RegExp(`from ['"](node:)?${builtin}['"]`));
        expect(code).not.toMatch(new RegExp(`require\\(['"](node:)?${builtin}['"]\\)`));
      }
      expect(code).toMatch(/export\s*\{[^}]*\bdefault\b/);
      expect(code).toMatch(/export\s*\{[^}]*\boptions\b/);
      expect(code).toMatch(/export\s*\{[^}]*\bhandleSummary\b/);
      expect(code).toContain('//# sourceMappingURL=data:application/json');
    },
  );

  test.each([
    [
      'a Node built-in',
      "import { readFileSync } from 'node:fs';\nexport default () => readFileSync;",
      /only "k6" and "k6\/\*" modules, not "node:fs"/,
    ],
    ['an npm package', "import { parse } from 'yaml';\nexport default () => parse;", /not "yaml"/],
    [
      'Node-side project code',
      "import { ExitCode } from '../../src/exit-codes.ts';\nexport default () => ExitCode;",
      /only import from scenarios\/ and src\/vu\//,
    ],
  ])('the build fails on %s', async (_label, source, message) => {
    const dir = mkdtempSync(path.join(root, 'scenarios', '.tmp-'));
    const entry = path.join(dir, 'bad.ts');
    writeFileSync(entry, source);
    try {
      const result = await bundleScenarios([entry], mkdtempSync(path.join(tmpdir(), 'bad-')));
      if (!('error' in result)) throw new Error('the build should have failed');
      expect((result.error.errors ?? []).map((e) => e.text).join('\n')).toMatch(message);
    } finally {
      (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    }
  });
});
