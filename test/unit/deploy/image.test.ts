// The harness image as deploy/Dockerfile builds it (no Docker engine here, so the file is read, not
// built): Node 20 as package.json asks, real k6 ≥ 1.3 and kubectl from their official images at pinned
// versions, a numeric non-root user, an entry point script that exists, is executable and parses, npm
// scripts that exist, a build context that keeps what the run needs and drops the rest, and runtime
// code that imports only what `npm ci --omit=dev` installs.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import dockerignore from '@balena/dockerignore';
import { DockerfileParser } from 'dockerfile-ast';
import * as esbuild from 'esbuild';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const dockerfile = DockerfileParser.parse(readFileSync('deploy/Dockerfile', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

function copiesFrom(image: string): { tag: string; source: string; destination: string } {
  for (const copy of dockerfile.getCOPYs()) {
    const from =
      copy
        .getFlags()
        .find((f) => f.getName() === 'from')
        ?.getValue() ?? '';
    const [name, tag = ''] = from.split(':');
    if (name !== image) continue;
    const [source, destination] = copy.getArguments().map((a) => a.getValue());
    return { tag, source: source!, destination: destination! };
  }
  throw new Error(`deploy/Dockerfile copies nothing from ${image}`);
}

const env = (name: string) =>
  dockerfile
    .getENVs()
    .flatMap((e) => e.getProperties())
    .find((p) => p.getName() === name)
    ?.getValue();

/** `/app/deploy/entrypoint.sh` in the image → deploy/entrypoint.sh in the repository. */
function entrypointScript(): string {
  const args = dockerfile
    .getENTRYPOINTs()[0]!
    .getJSONStrings()
    .map((s) => s.getJSONValue());
  const script = args.find((a) => a.endsWith('.sh'));
  const workdir = dockerfile
    .getInstructions()
    .find((i) => i.getKeyword() === 'WORKDIR')!
    .getArguments()[0]!
    .getValue();
  if (!script?.startsWith(`${workdir}/`))
    throw new Error(`ENTRYPOINT ${args.join(' ')} runs no script under ${workdir}`);
  return path.relative(workdir, script);
}

/** The npm scripts a shell text runs (`npm run X`, `npm run --silent X`). */
function npmScriptsIn(text: string): string[] {
  return [...text.matchAll(/npm run(?:\s+--?[\w-]+)*\s+([\w:.-]+)/g)].map((m) => m[1]!);
}

describe('deploy/Dockerfile', () => {
  it('builds on Node 20, fully versioned, satisfying package.json engines', () => {
    const froms = dockerfile.getFROMs();
    const final = froms[froms.length - 1]!;
    expect(final.getImageName()).toBe('node');
    const version = semver.coerce(final.getImageTag());
    expect(final.getImageTag()).toMatch(/^\d+\.\d+\.\d+-/);
    expect(version?.major).toBe(20);
    expect(semver.satisfies(version!, pkg.engines.node)).toBe(true);
  });

  it('copies k6 ≥ 1.3.0 from the official image, pinned, to the K6_BIN the harness uses', () => {
    const k6 = copiesFrom('grafana/k6');
    expect(semver.valid(k6.tag), `grafana/k6:${k6.tag} is not an exact version`).not.toBeNull();
    expect(semver.gte(k6.tag, '1.3.0')).toBe(true);
    expect(k6.source).toBe('/usr/bin/k6');
    expect(env('K6_BIN')).toBe(k6.destination);
    expect(env('C4ANG_PERF_ENGINE')).toBe('k6');
  });

  it('copies a pinned kubectl from the official image onto PATH (the in-cluster chaos path needs it)', () => {
    const kubectl = copiesFrom('registry.k8s.io/kubectl');
    expect(kubectl.tag).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(['/usr/bin/kubectl', '/usr/local/bin/kubectl']).toContain(kubectl.destination);
  });

  it('runs as a numeric non-root user', () => {
    const users = dockerfile.getInstructions().filter((i) => i.getKeyword() === 'USER');
    const user = users[users.length - 1]!.getArguments()[0]!.getValue();
    const [uid] = user.split(':');
    expect(uid).toMatch(/^\d+$/);
    expect(Number(uid)).toBeGreaterThan(0);
  });

  it('enters through an executable script in deploy/ that parses', () => {
    const script = entrypointScript();
    expect(script).toBe('deploy/entrypoint.sh');
    accessSync(script, constants.X_OK);
    const shebang = readFileSync(script, 'utf8').split('\n')[0]!;
    const shell = shebang.replace(/^#!\s*/, '').split(/\s+/);
    expect(['/bin/sh', '/bin/bash', '/usr/bin/env']).toContain(shell[0]);
    execFileSync(shell[0] === '/usr/bin/env' ? shell[1]! : shell[0]!, ['-n', script]);
  });

  it('calls only npm scripts that package.json has (Dockerfile and entry point)', () => {
    const texts = [readFileSync('deploy/Dockerfile', 'utf8'), readFileSync(entrypointScript(), 'utf8')];
    const called = texts.flatMap(npmScriptsIn);
    expect(called).toEqual(expect.arrayContaining(['chaos:clean', 'load:soak']));
    for (const name of called) expect(Object.keys(pkg.scripts), `npm run ${name}`).toContain(name);
  });

  it('installs runtime dependencies only, and the runtime imports nothing else', async () => {
    expect(readFileSync('deploy/Dockerfile', 'utf8')).toMatch(/npm ci --omit=dev/);
    // What `npm run load:soak` and `npm run chaos:clean` load, as esbuild resolves it (type-only
    // imports are gone, dynamic imports count).
    const entries = ['load:soak', 'chaos:clean'].map((s) => /scripts\/[\w-]+\.ts/.exec(pkg.scripts[s]!)![0]);
    const result = await esbuild.build({
      entryPoints: entries,
      bundle: true,
      write: false,
      outdir: 'out',
      platform: 'node',
      format: 'esm',
      packages: 'external',
      metafile: true,
      logLevel: 'silent',
    });
    const packages = new Map<string, string[]>();
    for (const [file, input] of Object.entries(result.metafile.inputs))
      for (const imported of input.imports)
        if (imported.external && !imported.path.startsWith('node:')) {
          const parts = imported.path.split('/');
          const name = imported.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
          packages.set(name, [...(packages.get(name) ?? []), file]);
        }
    // k6 modules are VU code, run by k6 itself (esbuild meets them through shared pure modules), and
    // build.mjs loads typescript only to type-check (`npm run build`), never while bundling for a run.
    packages.delete('k6');
    if (packages.get('typescript')?.every((file) => file === 'build.mjs')) packages.delete('typescript');
    // The loader the npm scripts start node with (`node --import tsx …`) must be installed too.
    for (const script of ['load:soak', 'chaos:clean'])
      for (const [, loader] of pkg.scripts[script]!.matchAll(/--import\s+(\S+)/g))
        packages.set(loader!, [script]);
    expect(packages.size).toBeGreaterThan(0);
    for (const [name, importer] of packages)
      expect(Object.keys(pkg.dependencies), `${importer.join(', ')} import ${name}`).toContain(name);
  });
});

describe('.dockerignore (the build context is the repository root)', () => {
  // A CommonJS module whose typings declare a default export: Node hands over module.exports itself.
  const ignore = dockerignore as unknown as typeof dockerignore.default;
  const rules = ignore().add(readFileSync('.dockerignore', 'utf8').split('\n'));
  it('leaves out installed, generated and result files', () => {
    for (const file of [
      'node_modules/yaml/package.json',
      'results/history.ndjson',
      'dist/spike.js',
      '.git/HEAD',
    ])
      expect(rules.ignores(file), file).toBe(true);
  });
  it('keeps everything a soak run reads', () => {
    const needed = [
      'package.json',
      'package-lock.json',
      'build.mjs',
      'tsconfig.json',
      'tsconfig.base.json',
      'scenarios/soak.ts',
      'src/config.ts',
      'scripts/load.ts',
      'scripts/chaos-clean.ts',
      'chaos/pod-kill-order-service-with-every-5m.yaml',
      entrypointScript(),
    ];
    for (const file of needed) expect(rules.ignores(file), file).toBe(false);
  });
});
