// Who owns a ledger entry or a claim on one, and whether that owner still runs. A pid means something
// only within its process table (one boot of one machine, one pid namespace): containers hand out the
// same small pids on every start, and two containers may share one fixed host name. So an owner
// records, beside pid and host, `started`: `<table>:<start ticks>` (src/process-start.ts), and it
// renews a lease on its file (src/file-lease.ts).
// - In our own table the process decides: the pid must run, not as a zombie, with the start time
//   recorded (a later process with that pid is not the owner).
// - From another table (another host, another container) we cannot see the process: the lease does.
// Entries an older harness wrote (no `started`, no lease) are judged as before: by pid on this host,
// alive when the host differs. Claims (`<id>.cleaning-<tag>`) follow the same rules with the claim
// file's own lease. Node side.
import { hostname } from 'node:os';
import { LEASE_MS, leaseHeld } from '../file-lease.ts';
import { liveStartTicks, processTableId } from '../process-start.ts';

export interface EntryOwner {
  pid: number;
  host: string;
  /** `<process table>:<start ticks>` of the owner process (Linux); absent where /proc cannot tell. */
  started?: string;
  /** Set when the owner renews the entry's lease by touching its file (src/file-lease.ts). */
  leaseMs?: number;
}

/** `<table>:<ticks>` of a process in our table, or undefined when it is gone or this is not Linux. */
function startedIdentity(pid: number): string | undefined {
  const table = processTableId();
  const ticks = liveStartTicks(pid);
  return table && ticks ? `${table}:${ticks}` : undefined;
}

/** The owner fields of an entry this process writes now. */
export function currentOwner(): EntryOwner {
  const started = startedIdentity(process.pid);
  return { pid: process.pid, host: hostname(), ...(started && { started }), leaseMs: LEASE_MS };
}

/**
 * Whether the entry's owner still runs. `touchedMs`: the entry file's last modification (its lease's
 * last renewal). Where we cannot see the owner's process and it keeps no lease: "alive" (wrongly
 * ending a live run's fault is the worse mistake).
 */
export function isOwnerAlive(entry: EntryOwner, touchedMs?: number, nowMs = Date.now()): boolean {
  const ownTable = processTableId();
  if (!inOurTable(entry)) return leaseHeld(entry.leaseMs, touchedMs, nowMs);
  if (entry.started !== undefined && ownTable !== undefined)
    return startedIdentity(entry.pid) === entry.started;
  return isProcessAlive(entry.pid);
}

/** Whether the owner's pid means something here: our host and, where recorded, our process table. */
export function inOurTable(entry: EntryOwner): boolean {
  const table = entry.started?.split(':')[0];
  return entry.host === hostname() && (table === undefined || table === processTableId());
}

/** True when a process with this pid runs in our table (EPERM: it runs under another user). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a cleaner's claim file is named after (`<id>.cleaning-<tag>`): `<pid>-<ticks>-<table>`. */
export function claimTag(): string {
  const table = processTableId();
  const ticks = liveStartTicks(process.pid);
  return table && ticks ? `${process.pid}-${ticks}-${table}` : String(process.pid);
}

/**
 * Whether the cleaner named in a claim tag still runs (never asked for claims this process holds).
 * `touchedMs`: the claim file's last modification, which its holder renews like an entry's lease.
 * Older tags: `<pid>` (a pid-only claim with our own pid is an earlier process's) and `<pid>-<ticks>`.
 */
export function isClaimHolderAlive(tag: string, touchedMs?: number, nowMs = Date.now()): boolean {
  const [pidText, ticks, table] = tag.split('-');
  const pid = Number(pidText);
  if (table !== undefined && table !== processTableId()) return leaseHeld(LEASE_MS, touchedMs, nowMs);
  if (ticks !== undefined && processTableId() !== undefined) return liveStartTicks(pid) === ticks;
  return pid !== process.pid && isProcessAlive(pid);
}
