// `npm run report` on a folder real k6 wrote (through the fake `k6`): the engine's samples become
// our time series, and the results layer judges that folder like any other — per-service figures,
// verdict, reports — with no local-runner artefact involved.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { selectEngine } from '../../../src/engine/select-engine.ts';
import { rebuildRunReport } from '../../../src/results/rebuild-report.ts';

const fakeDir = path.resolve(import.meta.dirname, '../../fixtures/fake-k6');

test('a k6-written run folder is judged and reported from its samples', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'k6-report-'));
  process.env.FAKE_K6_LOG = path.join(work, 'argv.ndjson');
  delete process.env.FAKE_K6_EXIT;
  delete process.env.FAKE_K6_HANG;
  const engine = selectEngine('auto', undefined, `${fakeDir}:${process.env.PATH}`);
  const result = await engine.run({
    bundlePath: '/project/dist/smoke.js',
    env: { BASE_URL: 'http://127.0.0.1:9', RUN_ID: 'k6-run', RESULTS_DIR: work },
    resultsDir: work,
    timeSeriesPath: path.join(work, 'timeseries.ndjson'),
    signal: new AbortController().signal,
    quiet: true,
  });
  expect(result.exitCode).toBe(0);
  const startedAt = new Date().toISOString();
  writeFileSync(
    path.join(work, 'run.json'),
    JSON.stringify({
      runId: 'k6-run',
      profile: 'smoke',
      status: 'finished',
      target: 'http://127.0.0.1:9',
      loadScale: 1,
      vuScale: 1,
      chaos: [],
      startedAt,
      engine: 'k6',
      engineReason: 'k6 on PATH',
      finishedAt: startedAt,
      exitCode: 0,
    }),
  );

  const verdict = await rebuildRunReport(work, { strict: false });
  expect(verdict.run).toMatchObject({ engine: 'k6', targetKind: 'remote' });
  expect(verdict.analysis.overall).toMatchObject({ requests: 2, failed: 1, errorRate: 0.5 });
  expect(verdict.analysis.services).toEqual([
    expect.objectContaining({ name: 'order-service', requests: 2, failed: 1 }),
  ]);
  // The fake's summary has no threshold results: no data is not a pass. The folder has no
  // resources.json and the run lasted seconds: resources and alerts are not measured.
  expect(verdict.criteria.every((c) => c.status === 'inconclusive' || c.status === 'not-measured')).toBe(
    true,
  );
  expect(verdict.criteria.find((c) => c.id === 'cpu-of-requests')?.notMeasured).toBe(
    'no resources.json in the run folder',
  );
  expect(verdict.pass).toBe(true);
  expect(verdict.inconclusive).toEqual(['all-checks-pass', 'no-failed-requests']);
  for (const file of ['verdict.json', 'junit.xml', 'report.md', 'report.html'])
    expect(existsSync(path.join(work, file)), file).toBe(true);
  expect(readFileSync(path.join(work, 'report.md'), 'utf8')).toMatch(/order-service/);

  const strict = await rebuildRunReport(work, { strict: true });
  expect(strict).toMatchObject({ pass: false, exitCode: 99 });
});
