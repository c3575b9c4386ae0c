// The local provider's cleaner (its cleanLeftover): reverts a ledger entry left by a crashed run or a
// failed apply — deletes its gateway faults (by id prefix) and recovers failed replicas its selector
// matches. A target that is gone took its chaos with it, so "unreachable" counts as reverted. Node side.
import type { LedgerEntry } from '../../ledger.ts';
import { AdminClient } from './admin-client.ts';
import { matchesSelector } from './select-replicas.ts';
import type { PodSelector } from '../../kinds/types.ts';

export async function revertLocalEntry(entry: LedgerEntry, timeoutMs: number): Promise<string[]> {
  const notes: string[] = [];
  if (!entry.local) return ['no local details in the entry'];
  const client = new AdminClient(entry.local.adminUrl, timeoutMs);
  const alive = await client.health().then(
    () => true,
    () => false,
  );
  if (!alive) return [`target at ${entry.local.adminUrl} is gone; nothing left to revert`];
  for (const fault of await client.faults()) {
    if (!fault.id.startsWith(entry.local.faultIdPrefix)) continue;
    await client.deleteFault(fault.id);
    notes.push(`deleted gateway fault ${fault.id}`);
  }
  const spec = entry.manifest.spec as Record<string, unknown> | undefined;
  const embedded = (spec?.podChaos ?? spec) as { action?: string; selector?: PodSelector } | undefined;
  if (embedded?.action === 'pod-failure' && embedded.selector) {
    for (const r of await client.replicas()) {
      if (r.state !== 'failed' || !matchesSelector(embedded.selector, r)) continue;
      await client.recoverReplica(r.name);
      notes.push(`recovered replica ${r.name}`);
    }
  }
  return notes;
}
