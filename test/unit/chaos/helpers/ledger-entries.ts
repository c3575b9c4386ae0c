// A chaos ledger entry as apply-experiment writes one, for tests of the ledger itself.
import type { NewLedgerEntry } from '../../../../src/chaos/ledger.ts';

export const newLedgerEntry = (id: string): NewLedgerEntry => ({
  id,
  runId: 'r1',
  provider: 'local',
  kind: 'PodChaos',
  name: id,
  namespace: 'ecommerce',
  manifest: {},
});
