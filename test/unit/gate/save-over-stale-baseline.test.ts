// The baseline workflow after a deliberate change of the gate: a stale baseline (other engine,
// scales or chaos) is refused for comparison (104), but `--save-baseline` replaces it. Runs are
// injected (no load): only the gate's own decisions are under test.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { runGate } from '../../../src/gate/run-gate.ts';
import type { LoadOutcome } from '../../../src/orchestrate/run-load.ts';
import { sampleVerdict } from '../results/verdict-fixture.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const configFile = path.join(root, 'test/fixtures/gate/e2e-tiny/gate.config.yaml');

const io = {
  log: () => undefined,
  pathEnv: '/nonexistent',
  interrupt: { signal: new AbortController().signal, interruptedBy: () => undefined, dispose() {} },
  env: {},
  cwd: root,
};

/** Every step "runs" and passes with the same figures, on the local engine. */
async function passingStep(config: { profile: string; resultsDir: string }): Promise<LoadOutcome> {
  const verdict = sampleVerdict({ pass: true, exitCode: 0, criteria: [] });
  verdict.profile = config.profile as typeof verdict.profile;
  verdict.run = { ...verdict.run, engine: 'local', targetKind: 'embedded', status: 'finished' };
  return {
    exitCode: 0,
    resultsDir: config.resultsDir,
    record: { runId: 'r', profile: config.profile } as LoadOutcome['record'],
    started: true,
    verdict,
  };
}

test('--save-baseline replaces a baseline that no longer matches; without it the gate refuses', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'gate-stale-'));
  const baseline = path.join(work, 'baseline.json');
  const options = { configFile, resultsDir: path.join(work, 'results'), baseline };

  const first = await runGate({ ...options, saveBaseline: true }, io, passingStep);
  expect(first.baseline.save?.saved).toBe(true);
  const stale = JSON.parse(readFileSync(baseline, 'utf8'));
  for (const step of stale.steps) step.engine = 'k6';
  writeFileSync(baseline, JSON.stringify(stale));

  await expect(runGate(options, io, passingStep)).rejects.toThrow(ConfigError);
  await expect(runGate(options, io, passingStep)).rejects.toThrow(/engine differs/);

  const replaced = await runGate({ ...options, saveBaseline: true }, io, passingStep);
  expect(replaced).toMatchObject({ pass: true, exitCode: 0 });
  expect(replaced.baseline.status).toBe('missing');
  expect(replaced.baseline.save?.saved).toBe(true);
  const saved = JSON.parse(readFileSync(baseline, 'utf8'));
  expect(saved.steps.map((s: { engine: string }) => s.engine)).toEqual(['local', 'local']);
});
