// deploy/entrypoint.sh as the CronJob runs it, with a recording fake `npm` first on PATH: it refuses
// to start without a target, prunes old run folders but never history.ndjson, undoes leftover chaos
// before the soak (and does not start the soak when that fails), passes the chaos manifests and extra
// arguments on, and exits with the harness's exit code — which is what makes the Job fail or pass.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ENTRYPOINT = path.resolve('deploy/entrypoint.sh');

const FAKE_NPM = `#!/bin/sh
# Records each call as one line (the results root it sees, then its arguments) and exits as told.
printf '%s | %s\\n' "$C4ANG_PERF_RESULTS" "$*" >> "$FAKE_NPM_LOG"
case "$2" in
  chaos:clean) exit "\${FAKE_CLEAN_EXIT:-0}" ;;
  load:soak) exit "\${FAKE_SOAK_EXIT:-0}" ;;
esac
exit 0
`;

async function run(env: Record<string, string>, args: string[] = []) {
  const dir = await mkdtemp(path.join(tmpdir(), 'entrypoint-'));
  const bin = path.join(dir, 'bin');
  await mkdir(bin);
  await writeFile(path.join(bin, 'npm'), FAKE_NPM);
  await chmod(path.join(bin, 'npm'), 0o755);
  const log = path.join(dir, 'npm.log');
  const results = env.C4ANG_PERF_RESULTS ?? path.join(dir, 'results');
  const result = spawnSync(ENTRYPOINT, args, {
    encoding: 'utf8',
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      FAKE_NPM_LOG: log,
      BASE_URL: 'http://gateway.test',
      C4ANG_PERF_RESULTS: results,
      ...env,
    },
  });
  const calls = existsSync(log) ? (await readFile(log, 'utf8')).trim().split('\n') : [];
  return { status: result.status, stderr: result.stderr, stdout: result.stdout, calls, results };
}

describe('deploy/entrypoint.sh', () => {
  it('cleans leftover chaos, then runs the soak on k6 with the chaos and extra arguments, exiting with its code', async () => {
    const { status, calls, results } = await run(
      {
        SOAK_CHAOS: 'chaos/pod-kill-order-service.yaml  chaos/pod-failure-order-service.yaml',
        FAKE_SOAK_EXIT: '99',
      },
      ['--strict'],
    );
    expect(status).toBe(99);
    expect(calls).toEqual([
      `${results} | run chaos:clean -- --include-live`,
      `${results} | run load:soak -- --engine k6 --strict --chaos chaos/pod-kill-order-service.yaml --chaos chaos/pod-failure-order-service.yaml`,
    ]);
  });

  it('passes a soak that passed as exit 0, and runs without chaos when SOAK_CHAOS is empty', async () => {
    const { status, calls } = await run({ SOAK_CHAOS: '' });
    expect(status).toBe(0);
    expect(calls[1]).toMatch(/run load:soak -- --engine k6$/);
  });

  it('uses /results when C4ANG_PERF_RESULTS is unset (the volume the CronJob mounts)', async () => {
    // An empty value counts as unset: the harness would otherwise write into the app folder.
    const { calls } = await run({ C4ANG_PERF_RESULTS: '', SOAK_KEEP_DAYS: '0' });
    expect(calls[0]).toMatch(/^\/results \| run chaos:clean/);
  });

  it('does not expand globs in SOAK_CHAOS', async () => {
    const { calls } = await run({ SOAK_CHAOS: 'chaos/*.yaml' });
    expect(calls[1]).toContain('--chaos chaos/*.yaml');
  });

  it('refuses to start without BASE_URL (exit 104) and says where it belongs', async () => {
    const { status, calls, stderr } = await run({ BASE_URL: '' });
    expect(status).toBe(104);
    expect(stderr).toMatch(/BASE_URL is not set.*c4ang-perf-target Secret/);
    expect(calls).toEqual([]);
  });

  it('does not start the soak when leftover chaos cannot be cleaned, and fails with that code', async () => {
    const { status, calls, stderr } = await run({ FAKE_CLEAN_EXIT: '1' });
    expect(status).toBe(1);
    expect(calls).toHaveLength(1);
    expect(stderr).toMatch(/chaos:clean failed \(exit 1\).*not starting the soak/);
  });

  it('removes soak run folders older than SOAK_KEEP_DAYS, keeping newer ones and history.ndjson', async () => {
    const results = await mkdtemp(path.join(tmpdir(), 'entrypoint-results-'));
    const old = Date.now() / 1000 - 20 * 86400;
    for (const name of ['soak-20300101-010000-aaaaaa', 'soak-20300119-010000-bbbbbb', 'chaos-ledger']) {
      await mkdir(path.join(results, name));
      await writeFile(path.join(results, name, 'run.json'), '{}');
    }
    await writeFile(path.join(results, 'history.ndjson'), '{}\n');
    for (const name of ['soak-20300101-010000-aaaaaa', 'chaos-ledger', 'history.ndjson'])
      await utimes(path.join(results, name), old, old);
    const { status, stdout } = await run({ C4ANG_PERF_RESULTS: results, SOAK_KEEP_DAYS: '14' });
    expect(status).toBe(0);
    expect(existsSync(path.join(results, 'soak-20300101-010000-aaaaaa'))).toBe(false);
    expect(existsSync(path.join(results, 'soak-20300119-010000-bbbbbb'))).toBe(true);
    expect(existsSync(path.join(results, 'chaos-ledger'))).toBe(true);
    expect(existsSync(path.join(results, 'history.ndjson'))).toBe(true);
    expect(stdout).toMatch(/removing .*soak-20300101-010000-aaaaaa \(older than 14 days\)/);
  });

  it('refuses a SOAK_KEEP_DAYS that is not a whole number (exit 104)', async () => {
    const { status, stderr, calls } = await run({ SOAK_KEEP_DAYS: '2w' });
    expect(status).toBe(104);
    expect(stderr).toMatch(/SOAK_KEEP_DAYS must be a whole number/);
    expect(calls).toEqual([]);
  });
});
