// Undoes what crashed runs left applied, as recorded in the ledger: local entries revert gateway
// faults and failed replicas; chaos-mesh entries are deleted with escalation on the context they
// were applied to. Entries of a still-running owner are skipped unless `includeLive`. Node side.
import { Ledger, isOwnerAlive, type LedgerEntry } from './ledger.ts';
import { deleteWithEscalation } from './providers/chaos-mesh/delete-object.ts';
import { Kubectl, type KubectlOptions } from './providers/chaos-mesh/kubectl.ts';
import { objectRef } from './providers/chaos-mesh/resources.ts';
import { revertLocalEntry } from './providers/local/revert-entry.ts';
import type { ChaosKind } from './kinds/types.ts';

export interface CleanOptions {
  ledgerPath: string;
  /** Also clean entries whose owner process still runs (default false). */
  includeLive?: boolean;
  /** kubectl settings for chaos-mesh entries (binary, env). */
  kubectl?: KubectlOptions;
  /** Per escalation step when deleting chaos-mesh objects, ms (default 60 000). */
  deleteStepTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface CleanReport {
  cleaned: { id: string; notes: string[] }[];
  skipped: { id: string; reason: string }[];
  failed: { id: string; error: string }[];
}

export async function cleanLeftovers(options: CleanOptions): Promise<CleanReport> {
  const ledger = new Ledger(options.ledgerPath);
  const log = options.log ?? (() => undefined);
  const report: CleanReport = { cleaned: [], skipped: [], failed: [] };
  for (const entry of await ledger.list()) {
    if (!options.includeLive && isOwnerAlive(entry)) {
      report.skipped.push({
        id: entry.id,
        reason: `owner pid ${entry.pid} on ${entry.host} is still running`,
      });
      continue;
    }
    try {
      const notes = await revertEntry(entry, options);
      await ledger.remove(entry.id);
      report.cleaned.push({ id: entry.id, notes });
      log(
        `cleaned ${entry.provider} ${entry.kind}/${entry.name} (run ${entry.runId})${notes.length ? `: ${notes.join('; ')}` : ''}`,
      );
    } catch (error) {
      report.failed.push({ id: entry.id, error: (error as Error).message });
      log(`FAILED to clean ${entry.kind}/${entry.name}: ${(error as Error).message}`);
    }
  }
  return report;
}

async function revertEntry(entry: LedgerEntry, options: CleanOptions): Promise<string[]> {
  if (entry.provider === 'local') return revertLocalEntry(entry);
  const kubectl = new Kubectl(options.kubectl);
  kubectl.context = entry.chaosMesh?.context;
  const ref = objectRef(entry.kind as ChaosKind, entry.name);
  const result = await deleteWithEscalation(
    kubectl,
    ref,
    entry.namespace,
    options.deleteStepTimeoutMs ?? 60_000,
  );
  return [`deleted ${ref} on context ${kubectl.context}`, ...result.escalations];
}
