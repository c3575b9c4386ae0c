// A chaos:apply run interrupted with SIGINT leaves no chaos applied: gateway faults are removed,
// a failed replica is recovered long before its duration, the ledger is empty, exit code 105.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/chaos/index.ts';
import { chaosLedgerDir } from '../../../src/config.ts';
import { startTarget, type RunningTarget } from '../../../src/target/index.ts';

let target: RunningTarget;
beforeAll(async () => {
  target = await startTarget({ port: 0, adminPort: 0, replicasPerService: 2, restartDelayMs: 200 });
});
afterAll(() => target?.stop());

async function interruptApply(
  file: string,
): Promise<{ code: number | null; stderr: string; resultsRoot: string; whileInjected: unknown[] }> {
  const resultsRoot = await mkdtemp(join(tmpdir(), 'chaos-sigint-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/chaos-apply.ts',
      file,
      '--admin-url',
      target.adminUrl,
      '--hold',
      '60s',
      '--results-dir',
      resultsRoot,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let whileInjected: unknown[] = [];
  const injected = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('injected:')) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await Promise.race([injected, exited]);
  // The admin API answers 202 before the supervisor has stopped the replica: look for up to 3 s.
  for (let i = 0; i < 30 && whileInjected.length === 0; i++) {
    whileInjected = target.replicas().filter((r) => r.state === 'failed');
    const faults = (await (await fetch(`${target.adminUrl}/faults`)).json()) as unknown[];
    whileInjected.push(...faults);
    if (whileInjected.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGINT');
  const code = await exited;
  clearTimeout(timer);
  return { code, stderr, resultsRoot, whileInjected };
}

describe('SIGINT during chaos:apply', () => {
  it.each(['chaos/pod-failure-order-service.yaml', 'chaos/network-delay-order-to-payment.yaml'])(
    '%s: nothing stays broken',
    async (file) => {
      const run = await interruptApply(file);
      expect(run.whileInjected.length, run.stderr).toBeGreaterThan(0);
      expect(run.code, run.stderr).toBe(105);
      expect(await (await fetch(`${target.adminUrl}/faults`)).json()).toEqual([]);
      expect(target.replicas().filter((r) => r.state === 'failed')).toEqual([]);
      expect(run.stderr).toMatch(/recovered in \d+ ms/);
      expect(await new Ledger(chaosLedgerDir(run.resultsRoot)).list()).toEqual([]);
    },
  );
});
