// The one walk every ledger's cleaner shares (chaos:clean, a run's phase 2, the k6-operator's
// leftovers): skip entries whose owner still runs, claim each other one, undo it, then drop it, or
// put it back when undoing failed. Node side.
import type { Ledger, OwnedEntry } from './ledger.ts';
import { inOurTable, isOwnerAlive } from './ledger-owner.ts';

/** What a cleaner did with each entry of a ledger; `cleaned` holds what its caller reports per entry. */
export interface LedgerCleanReport<C> {
  cleaned: C[];
  skipped: { id: string; reason: string }[];
  failed: { id: string; error: string }[];
}

/** How one ledger's entries are undone, and what its cleaner says about them. */
export interface EntryCleaner<E extends OwnedEntry, C> {
  /**
   * Undo what a claimed entry records. Resolves to its item in `cleaned` and the line logged once the
   * entry is dropped; a throw puts the entry back for a later try.
   */
  clean(entry: E): Promise<{ cleaned: C; line: string }>;
  /** The line logged when undoing or dropping the entry failed. */
  failedLine(entry: E, message: string): string;
}

/**
 * Undo every leftover of a ledger. Entries of a still-running owner are its to remove (skipped unless
 * `includeLive`); each other entry is claimed first, so two cleaners never both act on one, and is
 * dropped only after `clean` succeeded, so a failed one stays recorded for the next cleaner.
 */
export async function cleanClaimableEntries<E extends OwnedEntry, C>(
  ledger: Ledger<E>,
  options: { includeLive?: boolean; log: (line: string) => void },
  cleaner: EntryCleaner<E, C>,
): Promise<LedgerCleanReport<C>> {
  const report: LedgerCleanReport<C> = { cleaned: [], skipped: [], failed: [] };
  for (const listed of await ledger.list()) {
    const touchedMs = await ledger.touchedMs(listed.id);
    if (!options.includeLive && isOwnerAlive(listed, touchedMs)) {
      const reason =
        inOurTable(listed) || touchedMs === undefined || listed.leaseMs === undefined
          ? `owner pid ${listed.pid} on ${listed.host} is still running`
          : `owner pid ${listed.pid} on ${listed.host} (another process table) renewed its lease ${Math.round((Date.now() - touchedMs) / 1000)} s ago`;
      report.skipped.push({ id: listed.id, reason });
      continue;
    }
    const claim = await ledger.claim(listed.id);
    if (!claim) {
      report.skipped.push({ id: listed.id, reason: 'being cleaned by another process, or already gone' });
      continue;
    }
    const { entry } = claim;
    try {
      const { cleaned, line } = await cleaner.clean(entry);
      await claim.done();
      report.cleaned.push(cleaned);
      options.log(line);
    } catch (error) {
      await claim.release();
      report.failed.push({ id: entry.id, error: (error as Error).message });
      options.log(cleaner.failedLine(entry, (error as Error).message));
    }
  }
  return report;
}
