// Undoes what crashed runs left applied, as the ledger records it: each entry is claimed (so two
// cleaners never both act on it), handed to the cleaner of the provider it names, and dropped once
// that succeeded — or put back for a later try. Entries of a still-running owner are skipped unless
// `includeLive`. Node side.
import { isOwnerAlive } from './ledger.ts';
import { openLedger } from './open-ledger.ts';
import { createProvider } from './providers/create-provider.ts';
import type { ChaosProvider, ProviderName } from './providers/types.ts';

export interface CleanOptions {
  /** The results root whose ledger (`chaos-ledger/`) is cleaned. */
  resultsRoot: string;
  /** Also clean entries whose owner process still runs (default false). */
  includeLive?: boolean;
  /** The provider that cleans each provider's entries (default: one with default options). */
  providers?: Partial<Record<ProviderName, ChaosProvider>>;
  log?: (line: string) => void;
}

export interface CleanReport {
  cleaned: { id: string; notes: string[] }[];
  skipped: { id: string; reason: string }[];
  failed: { id: string; error: string }[];
}

export async function cleanLeftovers(options: CleanOptions): Promise<CleanReport> {
  const log = options.log ?? (() => undefined);
  const ledger = await openLedger(options.resultsRoot, log);
  const providers = { ...options.providers };
  const report: CleanReport = { cleaned: [], skipped: [], failed: [] };
  for (const listed of await ledger.list()) {
    if (!options.includeLive && isOwnerAlive(listed)) {
      const reason = `owner pid ${listed.pid} on ${listed.host} is still running`;
      report.skipped.push({ id: listed.id, reason });
      continue;
    }
    const claim = await ledger.claim(listed.id);
    if (!claim) {
      report.skipped.push({ id: listed.id, reason: 'being cleaned by another process, or already gone' });
      continue;
    }
    const { entry } = claim;
    const what = `${entry.provider} ${entry.kind}/${entry.name} (run ${entry.runId})`;
    try {
      providers[entry.provider] ??= createProvider(entry.provider);
      const notes = await providers[entry.provider]!.cleanLeftover(entry);
      await claim.done();
      report.cleaned.push({ id: entry.id, notes });
      log(`cleaned ${what}${notes.length ? `: ${notes.join('; ')}` : ''}`);
    } catch (error) {
      await claim.release();
      report.failed.push({ id: entry.id, error: (error as Error).message });
      log(`FAILED to clean ${what}: ${(error as Error).message}`);
    }
  }
  return report;
}
