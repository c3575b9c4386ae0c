// Which process a pid is, on Linux: its start time and the process table it lives in, so a record
// of "pid 7" is not mistaken for a later process that got the same number (containers hand out the
// same small pids on every start) or for a process in another pid namespace. Used by the run records
// (src/orchestrate/process-ref.ts) and the chaos ledger's owners (src/chaos/ledger-owner.ts).
// Runs in: Node.
import { createHash } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';

/** Fields 3… of /proc/<pid>/stat (after the command name, which may hold spaces), or undefined. */
export function readStatFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * Clock ticks since boot at which `pid` started (proc(5): field 22), or undefined when it is gone,
 * a zombie (it has exited; only its parent, or an init that may never reap it, can remove it), or
 * /proc is not there.
 */
export function liveStartTicks(pid: number): string | undefined {
  const fields = readStatFields(pid);
  return fields?.[0] === 'Z' ? undefined : fields?.[19];
}

let table: string | null | undefined;

/**
 * A short id of the process table this process sees: boot id and pid namespace, hashed (8 hex).
 * Two processes with the same host name may still see different tables (two containers given one
 * fixed host name): a pid is only meaningful within its table. Undefined off Linux.
 */
export function processTableId(): string | undefined {
  if (table === undefined) {
    try {
      const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
      const pidNamespace = readlinkSync('/proc/self/ns/pid');
      table = createHash('sha256').update(`${bootId} ${pidNamespace}`).digest('hex').slice(0, 8);
    } catch {
      table = null;
    }
  }
  return table ?? undefined;
}
