// Undoes what crashed runs left applied, as the ledger records it: each entry is claimed (so two
// cleaners never both act on it), handed to the cleaner of the provider it names, and dropped once
// that succeeded — or put back for a later try. Entries of a still-running owner are skipped unless
// `includeLive`. Node side.
import { cleanClaimableEntries } from './clean-claimable.ts';
import type { LedgerEntry } from './ledger.ts';
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
  const what = (entry: LedgerEntry) => `${entry.provider} ${entry.kind}/${entry.name} (run ${entry.runId})`;
  return cleanClaimableEntries(
    ledger,
    { includeLive: options.includeLive, log },
    {
      clean: async (entry) => {
        providers[entry.provider] ??= createProvider(entry.provider);
        const notes = await providers[entry.provider]!.cleanLeftover(entry);
        const line = `cleaned ${what(entry)}${notes.length ? `: ${notes.join('; ')}` : ''}`;
        return { cleaned: { id: entry.id, notes }, line };
      },
      failedLine: (entry, message) => `FAILED to clean ${what(entry)}: ${message}`,
    },
  );
}
