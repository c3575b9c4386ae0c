// <results root>/live-runs/<runId>.json: a run registers itself (its pid and the processes it starts)
// before it starts anything and removes the file when it has written its results. A file whose owner
// died (SIGKILL, OOM, power) is a crashed run: the next run or `chaos:clean` stops the processes it
// left, marks its run.json `crashed` and adds its history line, so nothing is silently lost.
// Whether the owner died is asked of the process table when the file was written in ours; a file from
// another table (another host, or another container under the same fixed host name, whose pids mean
// nothing here) is judged by the lease its run renews on it (src/file-lease.ts), and its processes,
// out of our reach, are not stopped. Runs in: Node.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keepTouched, LEASE_MS, leaseHeld, stopTouching, touchedAtMs } from '../file-lease.ts';
import { processTableId } from '../process-start.ts';
import { describeProcess, isRunning, type ProcessRef, THIS_HOST } from './process-ref.ts';
import { appendHistory, readRunRecord, writeRunRecord } from './run-record.ts';

export interface LiveRun {
  readonly runId: string;
  readonly resultsDir: string;
  readonly host: string;
  /** The process table the pids belong to (src/process-start.ts); absent off Linux and in older files. */
  readonly table?: string;
  /** Set when the run renews a lease on this file (src/file-lease.ts). */
  readonly leaseMs?: number;
  readonly owner: ProcessRef;
  readonly processes: readonly ProcessRef[];
}

export interface LiveRunHandle {
  /** Record processes the run started (replaces the earlier list for the same roles). */
  setProcesses(role: string, pids: readonly number[]): Promise<void>;
  /** The run is over and its results are written. */
  remove(): Promise<void>;
}

export interface CrashedRun {
  readonly runId: string;
  /** Processes it left running that were stopped now. */
  readonly stopped: readonly string[];
}

const liveDir = (resultsRoot: string) => path.join(resultsRoot, 'live-runs');

export async function registerLiveRun(
  resultsRoot: string,
  runId: string,
  resultsDir: string,
): Promise<LiveRunHandle> {
  const file = path.join(liveDir(resultsRoot), `${runId}.json`);
  const byRole = new Map<string, ProcessRef[]>();
  let writes: Promise<void> = Promise.resolve();
  const write = () => {
    const run: LiveRun = {
      runId,
      resultsDir,
      host: THIS_HOST,
      ...(processTableId() && { table: processTableId() }),
      leaseMs: LEASE_MS,
      owner: describeProcess(process.pid, 'harness'),
      processes: [...byRole.values()].flat(),
    };
    // Atomic: a reader (another run's clean phase) never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    const done = writes.then(async () => {
      await writeFile(tmp, `${JSON.stringify(run)}\n`);
      await rename(tmp, file);
    });
    // One failed write (disk full) must not fail every later one.
    writes = done.catch(() => undefined);
    return done;
  };
  await mkdir(liveDir(resultsRoot), { recursive: true });
  await write();
  keepTouched(file);
  return {
    setProcesses(role, pids) {
      byRole.set(
        role,
        pids.map((pid) => describeProcess(pid, role)),
      );
      return write();
    },
    async remove() {
      stopTouching(file);
      await writes.catch(() => undefined);
      await rm(file, { force: true });
    },
  };
}

/** Finds runs whose owner died, stops what they left running and marks them crashed. */
export async function reapCrashedRuns(
  resultsRoot: string,
  log: (line: string) => void,
): Promise<CrashedRun[]> {
  const names = await readdir(liveDir(resultsRoot)).catch(() => [] as string[]);
  const crashed: CrashedRun[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const file = path.join(liveDir(resultsRoot), name);
    const run = await readLiveRun(file);
    if (!run) continue;
    const ourTable = run.host === THIS_HOST && (run.table === undefined || run.table === processTableId());
    if (ourTable ? isRunning(run.owner) : leaseHeld(run.leaseMs, await touchedAtMs(file))) continue;
    // Claim it first: two cleaners at once (two runs, or a run and chaos:clean) reap it once.
    const claimed = `${file}.reaping-${process.pid}`;
    if (
      !(await rename(file, claimed).then(
        () => true,
        () => false,
      ))
    )
      continue;
    const stopped = ourTable ? stopLeftProcesses(run.processes) : [];
    await markCrashed(resultsRoot, run);
    await rm(claimed, { force: true });
    const why = ourTable
      ? `its process ${run.owner.pid} is gone`
      : `its file on ${run.host} was not renewed for ${LEASE_MS / 60_000} min`;
    log(
      `run ${run.runId} crashed (${why}): marked crashed${stopped.length ? `; stopped ${stopped.join(', ')}` : ''}`,
    );
    crashed.push({ runId: run.runId, stopped });
  }
  return crashed;
}

async function readLiveRun(file: string): Promise<LiveRun | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LiveRun;
  } catch {
    return undefined; // gone meanwhile (the run ended) or not ours
  }
}

function stopLeftProcesses(processes: readonly ProcessRef[]): string[] {
  const stopped: string[] = [];
  for (const ref of processes) {
    if (!isRunning(ref)) continue;
    try {
      process.kill(ref.pid, 'SIGKILL');
      stopped.push(`${ref.role} (pid ${ref.pid})`);
    } catch {
      // exited between the check and the kill
    }
  }
  return stopped;
}

async function markCrashed(resultsRoot: string, run: LiveRun): Promise<void> {
  const record = await readRunRecord(run.resultsDir);
  if (record?.status !== 'running') return;
  record.status = 'crashed';
  record.error = `the harness process (pid ${run.owner.pid}) died before the run ended; results up to then are kept`;
  await writeRunRecord(run.resultsDir, record);
  await appendHistory(resultsRoot, record, undefined);
}
