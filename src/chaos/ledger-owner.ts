// Who owns a ledger entry, and whether that owner still runs. An entry records the writer's pid and
// host, and two things that keep that answer right where pids and hosts are not unique:
// - `started`, the process's start identity (boot id + start time from /proc): in a container the
//   harness gets the same small pid every time, so a pid alone would make a crashed run's entry look
//   alive for ever, even to the next run with that pid;
// - a lease: while the owner holds an entry it touches the file every TOUCH_EVERY_MS, and a cleaner
//   on another host (a CronJob's next pod, sharing the results volume) judges it by that, since it
//   cannot see the owner's processes. An entry untouched for LEASE_MS is a leftover.
// Entries written before these fields existed are judged as before: alive when the host differs.
// Node side.
import { readFileSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { hostname } from 'node:os';

export const TOUCH_EVERY_MS = 15_000;
/** Eight missed touches: generous, since a cleaner acting on a live run's entry would end its fault. */
export const LEASE_MS = 120_000;

export interface EntryOwner {
  pid: number;
  host: string;
  /** Start identity of the owner process (Linux); absent where /proc cannot tell. */
  started?: string;
  /** Set when the owner renews the entry's lease by touching its file (every TOUCH_EVERY_MS). */
  leaseMs?: number;
}

/** The owner fields of an entry this process writes now. */
export function currentOwner(): EntryOwner {
  const started = processStarted(process.pid);
  return { pid: process.pid, host: hostname(), ...(started && { started }), leaseMs: LEASE_MS };
}

/**
 * Whether the entry's owner still runs. `touchedMs`: the entry file's last modification (its lease's
 * last renewal). On this host the process table decides; elsewhere the lease, when the owner keeps
 * one, else "alive" (we cannot tell, and wrongly ending a live run's fault is the worse mistake).
 */
export function isOwnerAlive(entry: EntryOwner, touchedMs?: number, nowMs = Date.now()): boolean {
  if (entry.host !== hostname()) {
    if (entry.leaseMs === undefined || touchedMs === undefined) return true;
    return nowMs - touchedMs < entry.leaseMs;
  }
  if (entry.started !== undefined) {
    const now = processStarted(entry.pid);
    if (now !== undefined) return now === entry.started;
  }
  return isProcessAlive(entry.pid);
}

/** True when a process with this pid runs on this host (EPERM: it runs under another user). */
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

/**
 * What a cleaner's claim file is named after (`<id>.cleaning-<tag>`): its pid and, on Linux, its start
 * time, so a claim left by a killed cleaner is not kept for ever by a later process with its pid.
 */
export function claimTag(): string {
  const ticks = processStarted(process.pid)?.split(':')[1];
  return ticks ? `${process.pid}-${ticks}` : String(process.pid);
}

/** Whether the cleaner named in a claim tag still runs on this host (not for claims this process holds). */
export function isClaimHolderAlive(tag: string): boolean {
  const [pidText, ticks] = tag.split('-');
  const pid = Number(pidText);
  if (ticks !== undefined) {
    const started = processStarted(pid);
    if (started !== undefined) return started.endsWith(`:${ticks}`);
  }
  // Our own pid on a claim we do not hold: an earlier process (container) with this pid left it.
  return pid !== process.pid && isProcessAlive(pid);
}

let bootId: string | undefined;

/**
 * `<boot id>:<start time>` of a running process (proc(5): field 22 of /proc/<pid>/stat, clock ticks
 * since boot), unique per process across pid reuse and container restarts; undefined when the
 * process is gone or this is not Linux.
 */
export function processStarted(pid: number): string | undefined {
  try {
    bootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return startTicks ? `${bootId}:${startTicks}` : undefined;
  } catch {
    return undefined;
  }
}

const touching = new Map<string, NodeJS.Timeout>();

/** Renew the lease of an entry file this process holds, until `stopTouching` or the file is gone. */
export function keepTouched(path: string): void {
  stopTouching(path);
  const timer = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => stopTouching(path));
  }, TOUCH_EVERY_MS);
  timer.unref();
  touching.set(path, timer);
}

export function stopTouching(path: string): void {
  clearInterval(touching.get(path));
  touching.delete(path);
}
