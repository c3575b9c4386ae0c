// The same bundles under real k6, when a k6 binary is on PATH or K6_BIN is set (skipped otherwise):
// proves the VU code is valid k6, not just valid for our local runner — on any k6 from the minimum
// the preflight accepts (v0.53.0) on, also on a long run's streamed path.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findK6Binary, selectEngine } from '../../src/engine/select-engine.ts';
import { buildBundle } from '../../src/orchestrate/phases/3-build.ts';
import { startTarget, type RunningTarget } from '../../src/target/index.ts';

const k6 = findK6Binary(process.env.K6_BIN, process.env.PATH);
let target: RunningTarget;

describe.skipIf(!k6.path)(`scenarios under real k6 (${k6.why})`, () => {
  beforeAll(async () => {
    target = await startTarget({ port: 0, adminPort: 0 });
  });
  afterAll(async () => {
    await target?.stop();
  });

  test.each([
    ['smoke', '1', '1'],
    ['spike', '0.004', '0.1'],
    ['normal', '0.003', '0.5'],
    // The probes (no token, CORS, the burst) on the default stand-in: 99, its auth and rate limit missing.
    ['security', '1', '1'],
  ])('%s', async (profile, loadScale, vuScale) => {
    const work = mkdtempSync(path.join(tmpdir(), `k6-${profile}-`));
    const engine = selectEngine('k6', process.env.K6_BIN, process.env.PATH);
    const result = await engine.run({
      bundlePath: await buildBundle(profile),
      env: {
        BASE_URL: target.baseUrl,
        LOAD_SCALE: loadScale,
        VU_SCALE: vuScale,
        RUN_ID: profile,
        RESULTS_DIR: work,
      },
      resultsDir: work,
      timeSeriesPath: path.join(work, 'timeseries.ndjson'),
      signal: new AbortController().signal,
      quiet: true,
    });
    expect([0, 99]).toContain(result.exitCode);
    const summary = JSON.parse(readFileSync(path.join(work, 'summary.json'), 'utf8'));
    expect(summary.c4ang.criteria.length).toBeGreaterThan(0);
  });

  // A long run's way on this k6: summary and thresholds off with the flags its version knows, samples
  // through the pipe, summary.json from the harness's aggregates via the bundle's handleSummary.
  test('soak, streamed to the harness', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'k6-soak-streamed-'));
    const engine = selectEngine('k6', process.env.K6_BIN, process.env.PATH);
    const result = await engine.run({
      bundlePath: await buildBundle('soak'),
      env: {
        BASE_URL: target.baseUrl,
        LOAD_SCALE: '0.0002',
        VU_SCALE: '0.1',
        RUN_ID: 'soak',
        RESULTS_DIR: work,
      },
      resultsDir: work,
      timeSeriesPath: path.join(work, 'timeseries.ndjson'),
      signal: new AbortController().signal,
      quiet: true,
      k6Summary: { mode: 'harness', why: 'test:k6' },
    });
    expect([0, 99]).toContain(result.exitCode);
    const summary = JSON.parse(readFileSync(path.join(work, 'summary.json'), 'utf8'));
    expect(summary.metrics.http_reqs.values.count).toBeGreaterThan(0);
    expect(summary.c4ang.criteria.map((c: { ok: boolean | null }) => c.ok)).not.toContain(null);
    expect(readFileSync(path.join(work, 'timeseries.ndjson'), 'utf8')).toContain('http_req_duration');
  });
});
