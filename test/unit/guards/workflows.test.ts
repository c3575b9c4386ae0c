// The GitHub Actions workflows are code machines run unattended: each must parse, match GitHub's
// workflow schema (SchemaStore's, through @action-validator/core), call only npm scripts that exist,
// and be triggered the way its users expect (PRs and main; a nightly schedule; release tags).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { nominalDurationMs } from '../../../src/vu/options.ts';
import { PROFILES } from '../../../src/vu/profiles.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const folder = path.join(root, '.github/workflows');
const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
const scripts = Object.keys(
  (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: object }).scripts,
);
const text = (name: string) => readFileSync(path.join(folder, name), 'utf8');
const triggers = (name: string) => (parse(text(name)) as { on: Record<string, unknown> }).on;

describe('GitHub workflows', () => {
  test('there are the three the jobs need', () => {
    expect(files.sort()).toEqual(['ci.yml', 'nightly-soak.yml', 'release-gate.yml']);
  });

  test.each(files)('%s matches the GitHub workflow schema', (name) => {
    const { errors } = validateWorkflow(text(name));
    expect(errors.map((e) => `${'path' in e ? e.path : ''} ${e.title}: ${e.detail ?? ''}`)).toEqual([]);
  });

  test('the validator is not a rubber stamp: a misspelt key fails', () => {
    const broken = text('ci.yml').replace('runs-on:', 'run-on:');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  test.each(files)('%s calls only npm scripts that exist', (name) => {
    const called = [...text(name).matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(called.length).toBeGreaterThan(0);
    for (const script of called) expect(scripts, `${name}: npm run ${script}`).toContain(script);
  });

  test('ci runs on pull requests (a mapping) and pushes to main, and runs the README test command', () => {
    const on = triggers('ci.yml');
    expect(on.pull_request).toMatchObject({ branches: ['main'] });
    expect(on.push).toMatchObject({ branches: ['main'] });
    expect(text('ci.yml')).toMatch(/run: npm test\n/);
  });

  test('the nightly soak runs on a schedule and by hand, keeps its history and runs real k6', () => {
    const on = triggers('nightly-soak.yml');
    expect(on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \* \* \*$/) }]);
    expect(on).toHaveProperty('workflow_dispatch');
    const soak = text('nightly-soak.yml');
    expect(soak).toMatch(
      /actions\/cache\/restore@v\d[\s\S]*npm run load:soak[\s\S]*actions\/cache\/save@v\d/,
    );
    expect(soak).toContain('grafana/setup-k6-action@v1');
  });

  test('every nightly soak, on a real target or the stand-in, ends inside the job timeout', () => {
    const workflow = parse(text('nightly-soak.yml')) as {
      on: { workflow_dispatch: { inputs: Record<string, { default: string }> } };
      jobs: { soak: { 'timeout-minutes': number; steps: { run?: string; env?: Record<string, string> }[] } };
    };
    const job = workflow.jobs.soak;
    const step = job.steps.find((s) => s.run?.includes('npm run load:soak'));
    const runs = step?.run?.split('\n').filter((line) => line.includes('npm run load:soak')) ?? [];
    expect(runs).toHaveLength(2);
    for (const line of runs) {
      // Each invocation names its scale through a variable whose default comes from an input.
      const variable = /--scale "\$(\w+)"/.exec(line)?.[1];
      expect(variable, line).toBeDefined();
      const input = /inputs\.(\w+) \|\| '([\d.]+)'/.exec(step?.env?.[variable as string] ?? '');
      expect(input, `${variable} in the step's env`).not.toBeNull();
      const [, name, fallback] = input as RegExpExecArray;
      expect(workflow.on.workflow_dispatch.inputs[name].default).toBe(fallback);
      const soakMinutes =
        nominalDurationMs(PROFILES.soak, { loadScale: Number(fallback), vuScale: 1 }) / 60_000;
      // 20 minutes for checkout, npm ci, the build, reports and the upload.
      expect(soakMinutes + 20, `${line.trim()} at scale ${fallback}`).toBeLessThanOrEqual(
        job['timeout-minutes'],
      );
    }
  });

  test('the release gate runs on release tags and by hand, and reports its JUnit', () => {
    const on = triggers('release-gate.yml');
    expect(on.push).toEqual({ tags: ['v*'] });
    expect(on).toHaveProperty('workflow_dispatch');
    expect(text('release-gate.yml')).toMatch(/npm run gate[\s\S]*junit\.xml/);
  });
});
