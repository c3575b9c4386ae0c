// Who owns a ledger entry or a claim on one, and whether that owner still runs. A pid means something
// only within its process table (one boot of one machine, one pid namespace): containers hand out the
// same small pids on every start, and two containers may share one fixed host name. So an owner
// records, beside pid and host, `started`: `<table>:<start ticks>` (src/process-start.ts), and it
// renews a lease on its file by touching it every TOUCH_EVERY_MS.
// - In our own table the process decides: the pid must run, not as a zombie, with the start time
//   recorded (a later process with that pid is not the owner).
// - From another table (another host, another container) we cannot see the process: the lease does.
//   A file untouched for LEASE_MS is a leftover. The two hosts' clocks are compared here (the owner
//   sets the time, the cleaner reads it), so the lease is far longer than any sane clock skew.
// Entries an older harness wrote (no `started`, no lease) are judged as before: by pid on this host,
// alive when the host differs. Claims (`<id>.cleaning-<tag>`) follow the same rules with the claim
// file's own lease. Node side.
import { utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { liveStartTicks, processTableId } from '../process-start.ts';

export const TOUCH_EVERY_MS = 15_000;
/** Eight missed touches: generous, since a cleaner acting on a live run's entry would end its fault. */
export const LEASE_MS = 120_000;

export interface EntryOwner {
  pid: number;
  host: string;
  /** `<process table>:<start ticks>` of the owner process (Linux); absent where /proc cannot tell. */
  started?: string;
  /** Set when the owner renews the entry's lease by touching its file (every TOUCH_EVERY_MS). */
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

/** A lease renewed within its term; `undefined` facts (an older writer, a file gone) count as held. */
function leaseHeld(leaseMs: number | undefined, touchedMs: number | undefined, nowMs: number): boolean {
  if (leaseMs === undefined || touchedMs === undefined) return true;
  return nowMs - touchedMs < leaseMs;
}

/**
 * Whether the entry's owner still runs. `touchedMs`: the entry file's last modification (its lease's
 * last renewal). Where we cannot see the owner's process and it keeps no lease: "alive" (wrongly
 * ending a live run's fault is the worse mistake).
 */
export function isOwnerAlive(entry: EntryOwner, touchedMs?: number, nowMs = Date.now()): boolean {
  const ownTable = processTableId();
  const table = entry.started?.split(':')[0];
  if (entry.host !== hostname() || (table !== undefined && table !== ownTable))
    return leaseHeld(entry.leaseMs, touchedMs, nowMs);
  if (entry.started !== undefined && ownTable !== undefined)
    return startedIdentity(entry.pid) === entry.started;
  return isProcessAlive(entry.pid);
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

const touching = new Map<string, NodeJS.Timeout>();

/**
 * Renew the lease of a file this process holds (an entry, a claim) until `stopTouching`. A failed
 * touch is not the end of it: the file may be a cleaner's claim for a moment and come back.
 */
export function keepTouched(path: string): void {
  stopTouching(path);
  const timer = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, TOUCH_EVERY_MS);
  timer.unref();
  touching.set(path, timer);
}

export function stopTouching(path: string): void {
  clearInterval(touching.get(path));
  touching.delete(path);
}
