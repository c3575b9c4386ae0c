// The harness image as a k6-operator runner (deploy/Dockerfile read, not built): k6-operator runs
// `k6 run …` by name, so the image installs deploy/k6-operator-runner.sh as a `k6` ahead of the real
// one on PATH, executable and parseable; the harness's own k6 (K6_BIN) stays the real binary; the
// build context keeps the wrapper and its runner script; and the runner imports only what
// `npm ci --omit=dev` installs.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import dockerignore from '@balena/dockerignore';
import { DockerfileParser } from 'dockerfile-ast';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

const WRAPPER = 'deploy/k6-operator-runner.sh';
const RUNNER = 'scripts/k6-operator-runner.ts';
const dockerfile = DockerfileParser.parse(readFileSync('deploy/Dockerfile', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
/** PATH of the node:20 base image (the Dockerfile does not change it). */
const IMAGE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'.split(':');

describe('the harness image as a k6-operator runner', () => {
  it('installs the wrapper as a `k6` found before the real one, before dropping root', () => {
    const instructions = dockerfile.getInstructions();
    const install = instructions.findIndex(
      (i) => i.getKeyword() === 'RUN' && i.getTextContent().includes(WRAPPER),
    );
    expect(install, `a RUN installing ${WRAPPER}`).toBeGreaterThan(0);
    const target = /\s(\/\S+\/k6)\s*$/.exec(instructions[install]!.getTextContent())?.[1];
    expect(target).toBeDefined();
    const wrapperDir = IMAGE_PATH.indexOf(target!.slice(0, target!.lastIndexOf('/')));
    expect(wrapperDir).toBeGreaterThanOrEqual(0);
    expect(wrapperDir).toBeLessThan(IMAGE_PATH.indexOf('/usr/bin'));
    const user = instructions.findIndex((i) => i.getKeyword() === 'USER');
    expect(install).toBeLessThan(user);
    // The harness itself keeps running the real k6.
    const k6Bin = dockerfile
      .getENVs()
      .flatMap((e) => e.getProperties())
      .find((p) => p.getName() === 'K6_BIN')
      ?.getValue();
    expect(k6Bin).toBe('/usr/bin/k6');
    expect(readFileSync(WRAPPER, 'utf8')).toMatch(/\$\{K6_BIN:-\/usr\/bin\/k6\}/);
  });

  it('has an executable wrapper that parses, and a build context that keeps it and its runner', () => {
    accessSync(WRAPPER, constants.X_OK);
    execFileSync('sh', ['-n', WRAPPER]);
    const ignore = (dockerignore as unknown as typeof dockerignore.default)().add(
      readFileSync('.dockerignore', 'utf8').split('\n'),
    );
    for (const file of [WRAPPER, RUNNER, 'src/engine/k6-operator/runner/report-k6-run.ts'])
      expect(ignore.ignores(file), file).toBe(false);
    expect(readFileSync(WRAPPER, 'utf8')).toContain(RUNNER);
  });

  it('runs a runner that imports only runtime dependencies', async () => {
    const result = await esbuild.build({
      entryPoints: [RUNNER],
      bundle: true,
      write: false,
      outdir: 'out',
      platform: 'node',
      format: 'esm',
      packages: 'external',
      metafile: true,
      logLevel: 'silent',
    });
    const external = new Set<string>();
    for (const input of Object.values(result.metafile.inputs))
      for (const imported of input.imports)
        if (imported.external && !imported.path.startsWith('node:')) {
          const parts = imported.path.split('/');
          external.add(imported.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
        }
    external.delete('k6');
    expect(external.size).toBeGreaterThan(0);
    for (const name of external) expect(Object.keys(pkg.dependencies), name).toContain(name);
  });
});
