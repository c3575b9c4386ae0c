// The ledger of a results root (`<root>/chaos-ledger/`). Harness versions before the one-file-per-
// entry ledger kept one shared `<root>/chaos-ledger.ndjson`; its entries are moved into the folder
// once, the first time any process opens the ledger, so no leftover of an older run is forgotten.
// Node side.
import { readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { chaosLedgerDir } from '../config.ts';
import { Ledger, type LedgerEntry, renameIfThere } from './ledger.ts';
import { isProcessAlive } from './ledger-owner.ts';

export const LEGACY_LEDGER_FILE = 'chaos-ledger.ndjson';
const MIGRATING = `${LEGACY_LEDGER_FILE}.migrating-`;

export async function openLedger(resultsRoot: string, log: (line: string) => void = () => undefined) {
  const ledger = new Ledger(chaosLedgerDir(resultsRoot), { log });
  await migrateLegacyLedger(resultsRoot, ledger, log);
  return ledger;
}

async function migrateLegacyLedger(root: string, ledger: Ledger, log: (line: string) => void): Promise<void> {
  const legacy = join(root, LEGACY_LEDGER_FILE);
  const mine = join(root, `${MIGRATING}${process.pid}`);
  // Renaming the old file first means exactly one process migrates it; a migration a crashed process
  // began (its pid is dead) is taken over the same way.
  let taken = await renameIfThere(legacy, mine);
  for (const name of taken ? [] : await readdir(root).catch(() => [])) {
    const pid = name.startsWith(MIGRATING) ? Number(name.slice(MIGRATING.length)) : Number.NaN;
    if (Number.isNaN(pid) || isProcessAlive(pid)) continue;
    taken = await renameIfThere(join(root, name), mine);
    if (taken) break;
  }
  if (!taken) return;
  let moved = 0;
  for (const line of (await readFile(mine, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    try {
      await ledger.write(JSON.parse(line) as LedgerEntry);
      moved += 1;
    } catch (error) {
      // A torn last line is a crashed writer's: nothing was applied after it.
      log(`chaos ledger: skipped a line of ${legacy}: ${(error as Error).message}`);
    }
  }
  await rename(mine, `${legacy}.migrated`);
  log(`chaos ledger: moved ${moved} entries of ${legacy} into ${ledger.dir} (old file kept as .migrated)`);
}
