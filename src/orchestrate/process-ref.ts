// A process as recorded by a run (pid, host, and on Linux its start time), so a later run can tell
// whether it still runs and whether a live pid is still the same process or a reused number.
// Runs in: Node.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessRef {
  readonly pid: number;
  /** What it is, for messages: "harness", "gateway", "order-service-1", "k6". */
  readonly role: string;
  /** Clock ticks since boot at which it started (/proc/<pid>/stat field 22); absent off Linux. */
  readonly startTicks?: string;
}

/** Fields 3… of /proc/<pid>/stat (after the command name, which may hold spaces), or undefined. */
function readStatFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
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
  const fields = readStatFields(ref.pid);
  // A zombie has exited; only its parent (or an init that may never reap it) can remove it.
  return fields?.[0] !== 'Z' && fields?.[19] === ref.startTicks;
}

export const THIS_HOST = hostname();
