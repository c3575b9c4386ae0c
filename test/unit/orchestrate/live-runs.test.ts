// Crashed-run detection across process tables: a live-run file written in our table is judged by
// its owner process; one from another table (another host, or another container under the same
// fixed host name, whose pids mean nothing here) by the lease its run renews on the file, and its
// processes are left alone.
import { mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEASE_MS } from '../../../src/file-lease.ts';
import { registerLiveRun, reapCrashedRuns } from '../../../src/orchestrate/live-runs.ts';
import { describeProcess, THIS_HOST } from '../../../src/orchestrate/process-ref.ts';

async function foreignRun(root: string, runId: string, touchedAgoMs: number) {
  const file = path.join(root, 'live-runs', `${runId}.json`);
  // Our host name, our very pid and start time, but another process table.
  const run = {
    runId,
    resultsDir: path.join(root, runId),
    host: THIS_HOST,
    table: 'ffffffff',
    leaseMs: LEASE_MS,
    owner: describeProcess(process.pid, 'harness'),
    processes: [describeProcess(process.pid, 'gateway')],
  };
  await writeFile(file, `${JSON.stringify(run)}\n`);
  const at = new Date(Date.now() - touchedAgoMs);
  await utimes(file, at, at);
}

describe('reapCrashedRuns', () => {
  it('leaves a run of this process alone', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'live-runs-'));
    const handle = await registerLiveRun(root, 'mine', path.join(root, 'mine'));
    expect(await reapCrashedRuns(root, () => undefined)).toEqual([]);
    await handle.remove();
  });

  it('judges a run from another process table by its lease, and stops none of its processes', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'live-runs-'));
    const handle = await registerLiveRun(root, 'mine', path.join(root, 'mine'));
    await foreignRun(root, 'fresh', 1000);
    await foreignRun(root, 'stale', LEASE_MS + 5000);
    const lines: string[] = [];
    const crashed = await reapCrashedRuns(root, (line) => lines.push(line));
    // Stopping its "gateway" would have killed this very process (same pid here).
    expect(crashed).toEqual([{ runId: 'stale', stopped: [] }]);
    expect(lines).toEqual([
      expect.stringMatching(/^run stale crashed \(its file on .+ was not renewed for 2 min\)/),
    ]);
    expect((await readdir(path.join(root, 'live-runs'))).sort()).toEqual(['fresh.json', 'mine.json']);
    await handle.remove();
  });
});
