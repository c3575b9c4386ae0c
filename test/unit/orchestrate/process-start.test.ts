// Which process a pid is (src/process-start.ts, used by the run records and the chaos ledger): a
// process that has exited but was not reaped yet (a zombie) no longer runs, whatever its pid says,
// and a recorded start time tells a reused pid from the process that was recorded.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeProcess, isRunning } from '../../../src/orchestrate/process-ref.ts';
import { liveStartTicks, processTableId, readStatFields } from '../../../src/process-start.ts';

describe.runIf(existsSync('/proc/self/stat'))('process identity from /proc', () => {
  it('gives this process a start time and a short id of its process table', () => {
    expect(liveStartTicks(process.pid)).toMatch(/^\d+$/);
    expect(processTableId()).toMatch(/^[0-9a-f]{8}$/);
    expect(liveStartTicks(spawnSync(process.execPath, ['-e', '']).pid!)).toBeUndefined();
  });

  it('does not count a zombie as running', async () => {
    // sh starts `sleep 0` in the background, then becomes `sleep 5`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const zombie = Number(
        await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d)))),
      );
      const ref = describeProcess(zombie, 'sleep');
      await expect.poll(() => readStatFields(zombie)?.[0], { timeout: 4000 }).toBe('Z');
      expect(liveStartTicks(zombie)).toBeUndefined();
      expect(isRunning(ref)).toBe(false);
    } finally {
      parent.kill();
    }
  });

  it('tells a recorded process from a later one with its pid', () => {
    const me = describeProcess(process.pid, 'harness');
    expect(isRunning(me)).toBe(true);
    expect(isRunning({ ...me, startTicks: String(Number(me.startTicks) - 1) })).toBe(false);
  });
});
