// Every scenario bundle from dist/ runs on the local runner against the embedded stand-in at a small
// scale, and its handleSummary writes summary.json with every named criterion evaluated.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildBundle } from '../../../src/orchestrate/phases/3-build.ts';
import { runLocal } from '../../../src/runner/run.ts';
import { startTarget, type RunningTarget } from '../../../src/target/index.ts';
import { PROFILES, type ProfileName } from '../../../src/vu/profiles.ts';
import { SERVICES } from '../../../src/vu/services.ts';

let target: RunningTarget;
const resultsRoot = mkdtempSync(path.join(tmpdir(), 'c4ang-e2e-'));

beforeAll(async () => {
  target = await startTarget({ port: 0, adminPort: 0 });
});
afterAll(async () => {
  await target?.stop();
});

async function runProfile(profile: ProfileName, loadScale: number, vuScale: number) {
  const bundle = await buildBundle(profile);
  const resultsDir = path.join(resultsRoot, profile);
  const output: string[] = [];
  const result = await runLocal({
    scriptPath: bundle,
    env: {
      BASE_URL: target.baseUrl,
      LOAD_SCALE: String(loadScale),
      VU_SCALE: String(vuScale),
      RUN_ID: `e2e-${profile}`,
      RESULTS_DIR: resultsDir,
    },
    quiet: true,
    stdout: (text) => output.push(text),
  });
  const summary = JSON.parse(readFileSync(path.join(resultsDir, 'summary.json'), 'utf8'));
  return { result, summary, stdout: output.join('') };
}

describe('scenario bundles on the local runner against the embedded target', () => {
  test('smoke: every route, health endpoint and the unknown path pass their checks', async () => {
    const { result, summary, stdout } = await runProfile('smoke', 1, 1);
    expect(result.exitCode).toBe(0);
    const checks = summary.root_group.checks as { name: string; fails: number; passes: number }[];
    expect(checks.length).toBeGreaterThanOrEqual(10);
    expect(checks.filter((c) => c.fails > 0)).toEqual([]);
    for (const service of SERVICES.map((s) => s.name)) {
      expect(checks.map((c) => c.name)).toContain(`health ${service}: UP`);
    }
    expect(summary.c4ang.criteria.every((c: { ok: boolean }) => c.ok === true)).toBe(true);
    expect(stdout).toContain('all-checks-pass');
  });

  test('normal: the open model reaches its scaled arrival rate and the mix hits every service', async () => {
    const { result, summary } = await runProfile('normal', 0.003, 0.5);
    expect(result.exitCode).toBe(0);
    const iterations = summary.metrics.iterations.values;
    expect(iterations.count).toBeGreaterThan(50 * 5.4 * 0.9);
    for (const service of ['customer-service', 'product-service', 'order-service', 'payment-service']) {
      expect(summary.metrics[`http_req_duration{service:${service}}`].values.count).toBeGreaterThan(0);
    }
    expect(summary.metrics.http_req_failed.values.rate).toBe(0);
  });

  test.each([
    ['spike', 0.004, 0.1],
    ['stress', 0.0015, 0.02],
    ['soak', 0.0001, 0.1],
    ['breakpoint', 0.0008, 0.05],
  ] as const)(
    '%s runs its profile shape and evaluates every criterion',
    async (profile, loadScale, vuScale) => {
      const { result, summary } = await runProfile(profile, loadScale, vuScale);
      expect([0, 99]).toContain(result.exitCode);
      const criteria = summary.c4ang.criteria as { id: string; ok: boolean | null }[];
      expect(criteria.map((c) => c.id).sort()).toEqual(PROFILES[profile].criteria.map((c) => c.id).sort());
      expect(criteria.filter((c) => c.ok === null)).toEqual([]);
      expect(summary.metrics.http_reqs.values.count).toBeGreaterThan(0);
      for (const phase of PROFILES[profile].phases.slice(0, 2)) {
        expect(
          summary.metrics[`http_req_duration{phase:${phase.name}}`]?.values.count,
          phase.name,
        ).toBeGreaterThan(0);
      }
    },
  );
});
