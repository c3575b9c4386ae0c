// `npm run load:security` as a user runs it, twice on the embedded stand-in: with its security rules
// on (C4ANG_PERF_STANDIN_SECURITY=on) every probe passes and the run exits 0; with them off — the
// default stand-in — it exits 99 and verdict.json names each rule the stand-in lacks, with the
// requests that show it. Each run stays within the two minutes the issue allows.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROBES, PROBE_NAMES } from '../../../src/vu/security/probe-catalogue.ts';
import { npmRun } from '../npm-run.ts';

const resultsRoot = mkdtempSync(path.join(tmpdir(), 'c4ang-security-'));
const TWO_MINUTES_MS = 120_000;

interface Criterion {
  id: string;
  status: string;
  description: string;
  notMeasured?: string;
}

/** One run: exit code, how long it took, its verdict's security criteria by id. */
async function runSecurity(runId: string, standinSecurity: 'on' | 'off') {
  const startedAt = Date.now();
  const run = npmRun('load:security', ['--run-id', runId, '--results-dir', resultsRoot, '--quiet'], {
    C4ANG_PERF_STANDIN_SECURITY: standinSecurity,
    // The run's own token must come from the harness: nothing from the machine running the tests.
    AUTH_TOKEN: '',
    SECURITY_RATE_LIMIT: undefined,
    SECURITY_ALLOWED_ORIGIN: undefined,
  });
  const code = await run.exited;
  const elapsedMs = Date.now() - startedAt;
  const runDir = path.join(resultsRoot, runId);
  const verdict = JSON.parse(readFileSync(path.join(runDir, 'verdict.json'), 'utf8')) as {
    exitCode: number;
    pass: boolean;
    reason: string;
    criteria: Criterion[];
  };
  const security = new Map(
    verdict.criteria.filter((c) => c.id.startsWith('security-')).map((c) => [c.id, c]),
  );
  console.log(`load:security with the stand-in's rules ${standinSecurity}: exit ${code} in ${elapsedMs} ms`);
  return { code, elapsedMs, runDir, verdict, security, stderr: run.stderr() };
}

/** Every file of the run folder as text (gzip files skipped): where a leaked token would be. */
function folderText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.gz'))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

const DEV_TOKEN = /dev-[A-Za-z0-9_-]{32}/;

describe('npm run load:security on the embedded stand-in', () => {
  test('passes with the stand-in security rules on', async () => {
    const { code, elapsedMs, runDir, verdict, security, stderr } = await runSecurity('security-on', 'on');
    expect(code, stderr).toBe(0);
    expect(verdict).toMatchObject({ exitCode: 0, pass: true });
    for (const name of PROBE_NAMES)
      expect(security.get(PROBES[name].criterion), PROBES[name].criterion).toMatchObject({ status: 'pass' });
    expect(security.get('security-mtls-strict')).toMatchObject({
      status: 'not-measured',
      notMeasured: expect.stringMatching(/^not checked/),
    });
    expect(existsSync(path.join(runDir, 'security.json'))).toBe(true);
    // The development token went to the VUs, never into the results.
    expect(folderText(runDir)).not.toMatch(DEV_TOKEN);
    expect(elapsedMs).toBeLessThan(TWO_MINUTES_MS);
  });

  test('fails with 99 against the default stand-in, naming each missing rule', async () => {
    const { code, elapsedMs, verdict, security, stderr } = await runSecurity('security-off', 'off');
    expect(code, stderr).toBe(99);
    expect(verdict).toMatchObject({ exitCode: 99, pass: false });
    const failed = [...security.values()].filter((c) => c.status === 'fail').map((c) => c.id);
    // What the default stand-in lacks: auth at the gateway and a rate limit. Its services already
    // refuse injection, bad bodies and wrong content types with 4xx without echoing input, it sends
    // no CORS header at all (so no disallowed origin is allowed) and its errors carry no internals.
    expect(failed).toEqual(['security-unauthenticated-401', 'security-rate-limit-429']);
    expect(security.get('security-unauthenticated-401')!.description).toMatch(
      /served without valid credentials: GET \/api\/v1\/customers \(6\);.*POST \/api\/v1\/orders \(6\);/,
    );
    expect(security.get('security-rate-limit-429')!.description).toMatch(
      /a burst of 150 requests at once meets 429/,
    );
    for (const id of [
      'security-injection-4xx',
      'security-payload-not-reflected',
      'security-bad-bodies-4xx',
      'security-within-limit-served',
      'security-cors-disallowed-origin',
      'security-no-internals-leaked',
    ])
      expect(security.get(id), id).toMatchObject({ status: 'pass' });
    expect(verdict.reason).toMatch(/^security-unauthenticated-401: .*\(\+1 more\)$/);
    expect(elapsedMs).toBeLessThan(TWO_MINUTES_MS);
  });
});
