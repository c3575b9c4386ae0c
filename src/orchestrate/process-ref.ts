// A process as recorded by a run (pid, host, and on Linux its start time), so a later run can tell
// whether it still runs and whether a live pid is still the same process or a reused number.
// Runs in: Node.
import { hostname } from 'node:os';
import { liveStartTicks, readStatFields } from '../process-start.ts';

export interface ProcessRef {
  readonly pid: number;
  /** What it is, for messages: "harness", "gateway", "order-service-1", "k6". */
  readonly role: string;
  /** Clock ticks since boot at which it started (/proc/<pid>/stat field 22); absent off Linux. */
  readonly startTicks?: string;
}

/** The start time of `pid` from /proc (field 22), or undefined when it is gone or /proc is not there. */
function readStartTicks(pid: number): string | undefined {
  return readStatFields(pid)?.[19];
}

export function describeProcess(pid: number, role: string): ProcessRef {
  const startTicks = readStartTicks(pid);
  return startTicks === undefined ? { pid, role } : { pid, role, startTicks };
}

/** True while the recorded process runs (a reused pid with another start time does not count). */
export function isRunning(ref: ProcessRef): boolean {
  try {
    process.kill(ref.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (ref.startTicks === undefined) return true;
  // A zombie has exited (liveStartTicks says undefined for it); a reused pid has another start time.
  return liveStartTicks(ref.pid) === ref.startTicks;
}

export const THIS_HOST = hostname();
