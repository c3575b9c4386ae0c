// A lease kept on a file by touching it: the holder renews the file's time every TOUCH_EVERY_MS for
// as long as it holds what the file records, and a process that cannot see the holder (another host,
// another container under the same host name) reads a file untouched for LEASE_MS as left behind by
// a holder that died. The two sides' clocks meet here (the holder sets the time, the reader compares
// it with its own), so the lease is far longer than any sane clock skew. Used by the chaos ledger's
// entries and claims and by the live-run records. Runs in: Node.
import { stat, utimes } from 'node:fs/promises';

export const TOUCH_EVERY_MS = 15_000;
/** Eight missed touches: generous, since reading a live holder's file as dead would end its work. */
export const LEASE_MS = 120_000;

const touching = new Map<string, NodeJS.Timeout>();

/**
 * Renew the lease of a file this process holds until `stopTouching` (the timer is unref'd: it never
 * keeps the process alive). A failed touch is not the end of it: the file may be renamed away for a
 * moment (a cleaner's claim) and come back.
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

/** A lease renewed within its term; unknown facts (an older writer, a file gone) count as held. */
export function leaseHeld(
  leaseMs: number | undefined,
  touchedMs: number | undefined,
  nowMs = Date.now(),
): boolean {
  if (leaseMs === undefined || touchedMs === undefined) return true;
  return nowMs - touchedMs < leaseMs;
}

/** Touch a file now (a claim just taken starts its lease); false when it is gone. */
export async function touchNow(path: string): Promise<boolean> {
  const now = new Date();
  return utimes(path, now, now).then(
    () => true,
    () => false,
  );
}

/** A file's last modification, or undefined when it is gone. */
export async function touchedAtMs(path: string): Promise<number | undefined> {
  return stat(path).then(
    (s) => s.mtimeMs,
    () => undefined,
  );
}
