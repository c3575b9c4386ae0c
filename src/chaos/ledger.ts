// The chaos ledger: one file per applied experiment in `<results root>/chaos-ledger/`, written BEFORE
// the experiment is applied and removed only after its recovery was verified, so `chaos:clean` or the
// next run can undo whatever a crashed run left behind. Files are created by an atomic rename and
// removed by unlink, and no file is ever rewritten (its owner only touches its time, as a lease):
// that is what keeps entries from being lost or coming back when two processes (two runs, a run and
// chaos:clean) add and remove at the same time.
// A cleaner claims an entry (rename to `<id>.cleaning-<pid>-<start>-<table>`) before reverting it,
// so two cleaners never both act on one. The same machinery keeps other ledgers (the k6-operator's
// objects, in src/engine/k6-operator/operator-ledger.ts): an entry type and a check of a parsed file
// are all they bring, and `cleanClaimableEntries` (clean-claimable.ts) is the one walk their cleaners
// share. Node side.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { keepTouched, stopTouching, touchedAtMs, touchNow } from '../file-lease.ts';
import { claimTag, currentOwner, type EntryOwner, isClaimHolderAlive } from './ledger-owner.ts';
import type { ProviderName } from './providers/types.ts';

export interface LedgerEntry {
  /** Unique id of the applied experiment (its applied object name); also the file name. */
  id: string;
  runId: string;
  provider: ProviderName;
  /** ISO time the entry was written (just before apply). */
  at: string;
  /** Owner process: an entry whose owner still runs is not a leftover (see ledger-owner.ts). */
  pid: number;
  host: string;
  started?: string;
  leaseMs?: number;
  kind: string;
  /** Applied object name and namespace. */
  name: string;
  namespace: string;
  /** The manifest as applied (JSON). */
  manifest: Record<string, unknown>;
  local?: { adminUrl: string; faultIdPrefix: string };
  chaosMesh?: { context: string };
}

/** What every ledger's entries carry: an id (the file name) and the owner that wrote it. */
export interface OwnedEntry extends EntryOwner {
  id: string;
  runId: string;
  at: string;
}

export type NewLedgerEntry<E extends OwnedEntry = LedgerEntry> = Omit<E, 'at' | keyof EntryOwner>;

/** An entry a cleaner holds: revert what it records, then `done()` (drop it) or `release()` (put it back). */
export interface LedgerClaim<E extends OwnedEntry = LedgerEntry> {
  readonly entry: E;
  done(): Promise<void>;
  release(): Promise<void>;
}

const ENTRY_SUFFIX = '.json';
const CLAIM_INFIX = '.cleaning-';
/** Claim files this process holds: never taken over by this process, whatever their tag says. */
const heldClaims = new Set<string>();
/** Ids become file names: no separators, no leading dot (temp files start with one). */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class Ledger<E extends OwnedEntry = LedgerEntry> {
  readonly dir: string;
  private readonly log: (line: string) => void;
  private readonly isEntry: (value: Partial<E>) => boolean;

  /** `isEntry`: whether a parsed file is a complete entry of this ledger (default: a chaos entry). */
  constructor(
    dir: string,
    options: { log?: (line: string) => void; isEntry?: (value: Partial<E>) => boolean } = {},
  ) {
    this.dir = dir;
    this.log = options.log ?? (() => undefined);
    this.isEntry = options.isEntry ?? (isChaosEntry as (value: Partial<E>) => boolean);
  }

  /** Record an experiment about to be applied. Resolves once its file is on disk; its lease is kept. */
  async add(entry: NewLedgerEntry<E>): Promise<E> {
    const full = { ...entry, at: new Date().toISOString(), ...currentOwner() } as E;
    await this.write(full);
    keepTouched(this.entryPath(full.id));
    return full;
  }

  /**
   * When the entry was last touched (its owner's lease): its file, or while a cleaner holds it (or a
   * killed cleaner left it) its claim file, which the rename keeps the time of. Undefined when gone.
   */
  async touchedMs(id: string): Promise<number | undefined> {
    const entry = await touchedAtMs(this.entryPath(id));
    if (entry !== undefined) return entry;
    const claims = await Promise.all((await this.claimNames(id)).map((n) => touchedAtMs(join(this.dir, n))));
    const times = claims.filter((t): t is number => t !== undefined);
    return times.length ? Math.max(...times) : undefined;
  }

  /** Write an entry as it is (owner fields included): temp file in the same folder, flushed, renamed. */
  async write(entry: E): Promise<void> {
    if (!SAFE_ID.test(entry.id))
      throw new Error(`ledger ${this.dir}: unusable entry id ${JSON.stringify(entry.id)}`);
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${entry.id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const file = await open(tmp, 'wx');
    try {
      await file.writeFile(`${JSON.stringify(entry)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, this.entryPath(entry.id)).catch(async (error: unknown) => {
      await unlinkIfThere(tmp);
      throw error;
    });
  }

  /** Drop an entry after verified recovery: its file and any claim on it. Unknown ids are fine. */
  async remove(id: string): Promise<void> {
    // A cleaner may turn the file into its claim at any moment and rename it back when it fails:
    // unlink until neither form is left, so a removed entry cannot come back.
    stopTouching(this.entryPath(id));
    for (let round = 0; round < 10; round++) {
      if (await unlinkIfThere(this.entryPath(id))) return;
      const claims = await this.claimNames(id);
      if (claims.length === 0 && !(await exists(this.entryPath(id)))) return;
      for (const name of claims) await unlinkIfThere(join(this.dir, name));
    }
  }

  /** Every entry, claimed or not. Temp files are skipped; unparsable files are skipped with a note. */
  async list(): Promise<E[]> {
    const byId = new Map<string, E>();
    for (const name of await this.names()) {
      if (idOfFile(name) === undefined) continue;
      // Gone since readdir: removed, or renamed into (or out of) a claim, which is listed on its own.
      const text = await readFile(join(this.dir, name), 'utf8').catch(ignoreMissing);
      if (text === undefined) continue;
      const entry = this.parse(text);
      if (entry) byId.set(entry.id, entry);
      else this.log(`ledger: skipped ${join(this.dir, name)}: not a complete entry`);
    }
    return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }

  /**
   * Take an entry for cleaning: the rename to `<id>.cleaning-<tag>` is atomic, so of two cleaners
   * exactly one gets it. A claim whose cleaner died is taken over the same way. Undefined when the
   * entry is gone or a live cleaner holds it.
   */
  async claim(id: string): Promise<LedgerClaim<E> | undefined> {
    const mine = join(this.dir, `${id}${CLAIM_INFIX}${claimTag()}`);
    let taken = await renameIfThere(this.entryPath(id), mine);
    for (const name of taken ? [] : await this.claimNames(id)) {
      const path = join(this.dir, name);
      if (heldClaims.has(path)) continue;
      const tag = name.slice(name.lastIndexOf(CLAIM_INFIX) + CLAIM_INFIX.length);
      if (isClaimHolderAlive(tag, await touchedAtMs(path))) continue;
      taken = await renameIfThere(path, mine);
      if (taken) break;
    }
    if (!taken) return undefined;
    // Our claim's own lease, for cleaners that cannot see this process (another host or container).
    await touchNow(mine);
    heldClaims.add(mine);
    keepTouched(mine);
    const letGo = () => {
      heldClaims.delete(mine);
      stopTouching(mine);
    };
    // The owner may have removed it (recovery verified) right after we took it.
    const text = await readFile(mine, 'utf8').catch(ignoreMissing);
    if (text === undefined) {
      letGo();
      return undefined;
    }
    const entry = this.parse(text);
    const release = async () => {
      letGo();
      await renameIfThere(mine, this.entryPath(id));
    };
    if (!entry) {
      this.log(`ledger ${this.dir}: ${id} is not a complete entry; left in place`);
      await release();
      return undefined;
    }
    const done = async () => {
      letGo();
      stopTouching(this.entryPath(id));
      await unlinkIfThere(mine);
    };
    return { entry, done, release };
  }

  private parse(text: string): E | undefined {
    try {
      const value = JSON.parse(text) as Partial<E>;
      const owned =
        typeof value.id === 'string' &&
        typeof value.pid === 'number' &&
        typeof value.host === 'string' &&
        typeof value.at === 'string';
      return owned && this.isEntry(value) ? (value as E) : undefined;
    } catch {
      return undefined;
    }
  }

  private entryPath(id: string): string {
    return join(this.dir, `${id}${ENTRY_SUFFIX}`);
  }

  private async names(): Promise<string[]> {
    return (await readdir(this.dir).catch(ignoreMissing)) ?? [];
  }

  private async claimNames(id: string): Promise<string[]> {
    return (await this.names()).filter((n) => n.startsWith(`${id}${CLAIM_INFIX}`) && idOfFile(n) === id);
  }
}

/** The entry id an entry or claim file name stands for; undefined for temp and foreign files. */
function idOfFile(name: string): string | undefined {
  if (name.startsWith('.')) return undefined;
  if (name.endsWith(ENTRY_SUFFIX)) return name.slice(0, -ENTRY_SUFFIX.length);
  // `<pid>`, `<pid>-<ticks>` (older harnesses) or `<pid>-<ticks>-<process table>`.
  const claim = /^(.+)\.cleaning-\d+(?:-\d+(?:-[0-9a-f]+)?)?$/.exec(name);
  return claim?.[1];
}

/** A chaos entry names the provider that undoes it. */
function isChaosEntry(value: Partial<LedgerEntry>): boolean {
  return value.provider === 'local' || value.provider === 'chaos-mesh';
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}

/** rename; false when the source is gone (someone else moved or removed it first). */
export async function renameIfThere(from: string, to: string): Promise<boolean> {
  return rename(from, to).then(
    () => true,
    (error) => ignoreMissing(error) ?? false,
  );
}

/** unlink; false when the file was already gone. */
export async function unlinkIfThere(path: string): Promise<boolean> {
  return unlink(path).then(
    () => true,
    (error) => ignoreMissing(error) ?? false,
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error) => ignoreMissing(error) ?? false,
  );
}
