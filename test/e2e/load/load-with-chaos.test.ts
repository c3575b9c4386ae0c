// Load and chaos together, as `npm run load:normal -- --chaos …` runs them on the embedded target:
// the gateway's retries hide a killed order-service replica, the verdict shows the fault's windows,
// losing every replica of a service fails the run naming it, and nothing stays applied — also when
// the run is interrupted while a Schedule keeps firing.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
// Vitest exports Vite's BASE_URL ("/") into process.env; a child must not take it for the target.
const { BASE_URL: _viteBaseUrl, ...parentEnv } = process.env;
const resultsRoot = mkdtempSync(path.join(tmpdir(), 'c4ang-chaos-load-'));

function runLoad(
  args: string[],
  interruptWhen?: RegExp,
  interruptDelayMs = 1500,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/load.ts', ...args, '--results-dir', resultsRoot, '--quiet'],
      {
        cwd: root,
        env: { ...parentEnv, PATH: '/usr/bin:/bin' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (interruptWhen && !interrupted && interruptWhen.test(stderr)) {
        interrupted = true;
        setTimeout(() => child.kill('SIGINT'), interruptDelayMs);
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stderr });
    });
  });
}

const readJson = (...parts: string[]) => JSON.parse(readFileSync(path.join(resultsRoot, ...parts), 'utf8'));
const byId = (verdict: { criteria: { id: string }[] }, id: string) => {
  const criterion = verdict.criteria.find((c) => c.id === id);
  if (!criterion) throw new Error(`no criterion ${id} in ${verdict.criteria.map((c) => c.id).join(', ')}`);
  return criterion as { id: string; status: string; description: string };
};
/** Files of the chaos ledger folder (one per experiment still applied, or claimed for cleaning). */
const ledgerEntries = () => {
  const dir = path.join(resultsRoot, 'chaos-ledger');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('load with chaos on the embedded target', () => {
  test('a pod-kill of one order-service replica during a scaled normal run is hidden by retries', async () => {
    const run = await runLoad([
      'normal',
      '--run-id',
      'pod-kill',
      '--scale',
      '0.008',
      '--vu-scale',
      '0.5',
      '--chaos',
      'chaos/pod-kill-order-service.yaml',
    ]);
    const verdict = readJson('pod-kill', 'verdict.json');
    expect(run.code, run.stderr).toBe(verdict.exitCode);
    // Retries hide the kill: no criterion fails but the recovery time, which a busy machine can stretch.
    const failed = verdict.criteria.filter((c: { status: string }) => c.status === 'fail');
    for (const c of failed) expect(c.id, run.stderr).toBe('chaos-recovered-pod-kill-order-service');
    expect(byId(verdict, 'chaos-pod-kill-order-service-errors-during-fault').status).toBe('pass');
    const chaos = readJson('pod-kill', 'chaos.json');
    expect(chaos.failures).toEqual([]);
    const [kill] = chaos.experiments;
    expect(kill).toMatchObject({ kind: 'PodChaos', action: 'pod-kill', recovered: true, notReady: [] });
    expect(kill.selected).toHaveLength(1);
    expect(kill.selected[0]).toMatch(/^order-service-/);
    expect(kill.recoveryMs).toBeGreaterThan(0);
    const [fault] = verdict.analysis.chaos;
    expect(fault.windows.map((w: { name: string }) => w.name)).toEqual(['before', 'during', 'after']);
    for (const window of fault.windows) expect(window.requests, window.name).toBeGreaterThan(0);
    expect(fault.windows[1].errorRate).toBeLessThan(0.01);
    expect(fault.providerRecoveryMs).toBe(kill.recoveryMs);
    const summary = readJson('pod-kill', 'summary.json');
    expect(summary.metrics.http_req_failed.values.rate).toBeLessThan(0.01);
    expect(ledgerEntries()).toEqual([]);
  });

  test('SIGINT while a Schedule keeps killing pods: exit 105, chaos recovered, ledger empty', async () => {
    const run = await runLoad(
      [
        'normal',
        '--run-id',
        'schedule-interrupted',
        '--scale',
        '0.005',
        '--vu-scale',
        '0.3',
        '--chaos',
        'chaos/pod-kill-order-service-with-every-5m.yaml',
        '--chaos-at',
        '10',
      ],
      /injected on/,
      // @every 5m at scale 0.005 fires every 1.5 s: wait for a few fires, then interrupt mid-run.
      4000,
    );
    expect(run.code, run.stderr).toBe(105);
    const chaos = readJson('schedule-interrupted', 'chaos.json');
    expect(chaos.experiments[0]).toMatchObject({ kind: 'Schedule', recovered: true });
    expect(chaos.experiments[0].fires).toBeGreaterThanOrEqual(1);
    expect(readJson('schedule-interrupted', 'run.json')).toMatchObject({
      status: 'interrupted',
      exitCode: 105,
    });
    expect(ledgerEntries()).toEqual([]);
  });

  test('an invalid manifest stops the run before any load, naming file, line and field', async () => {
    const legacy = path.join(root, 'test/fixtures/chaos/legacy-scheduler/pod-kill-order-service.yaml');
    const run = await runLoad(['smoke', '--run-id', 'bad-chaos', '--chaos', legacy]);
    expect(run.code).toBe(104);
    expect(run.stderr).toMatch(/legacy-scheduler\/pod-kill-order-service\.yaml:\d+ spec\.scheduler/);
    expect(existsSync(path.join(resultsRoot, 'bad-chaos'))).toBe(false);
  });

  test('every replica of order-service down: the run fails and the verdict names the service', async () => {
    const manifest = path.join(
      root,
      'test/fixtures/chaos/every-replica/pod-failure-order-service-with-all.yaml',
    );
    const run = await runLoad([
      'normal',
      '--run-id',
      'every-replica',
      '--scale',
      '0.01',
      '--vu-scale',
      '0.5',
      '--chaos',
      manifest,
    ]);
    expect(run.code, run.stderr).toBe(99);
    const verdict = readJson('every-replica', 'verdict.json');
    expect(verdict).toMatchObject({ pass: false, exitCode: 99 });
    const during = byId(verdict, 'chaos-pod-failure-order-service-with-all-errors-during-fault');
    expect(during.status).toBe('fail');
    // Named as the service the fault hit, whichever service (it, or a caller of it) suffered most.
    expect(during.description).toMatch(/fault on order-service\)/);
    expect(verdict.analysis.chaos[0].windows[1].worstService.errorRate).toBeGreaterThan(0.05);
    expect(run.stderr + readFileSync(path.join(resultsRoot, 'every-replica', 'report.md'), 'utf8')).toMatch(
      /order-service/,
    );
    expect(ledgerEntries()).toEqual([]);
  });

  test('chaos planned after the run ended is reported as never injected, and the run fails', async () => {
    const run = await runLoad([
      'smoke',
      '--run-id',
      'chaos-too-late',
      '--chaos',
      'chaos/pod-kill-order-service.yaml',
    ]);
    expect(run.code, run.stderr).toBe(99);
    expect(run.stderr).toMatch(/never injected/);
    expect(byId(readJson('chaos-too-late', 'verdict.json'), 'chaos-as-planned').status).toBe('fail');
    expect(readJson('chaos-too-late', 'chaos.json').failures).toEqual([
      expect.stringMatching(/^pod-kill-order-service: never injected/),
    ]);
  });
});
