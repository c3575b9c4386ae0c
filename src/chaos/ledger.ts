// The chaos ledger (NDJSON, e.g. results/chaos-ledger.ndjson): every experiment is written here
// BEFORE it is applied and removed only after its cleanup was verified, so `chaos:clean` can undo
// whatever a crashed run left behind. Node side; one writer queue per Ledger instance.
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { ProviderName } from './providers/types.ts';

export interface LedgerEntry {
  /** Unique id of the applied experiment (its applied object name). */
  id: string;
  runId: string;
  provider: ProviderName;
  /** ISO time the entry was written (just before apply). */
  at: string;
  /** Owner process: an entry whose owner still runs is not a leftover. */
  pid: number;
  host: string;
  kind: string;
  /** Applied object name and namespace. */
  name: string;
  namespace: string;
  /** The manifest as applied (JSON). */
  manifest: Record<string, unknown>;
  local?: { adminUrl: string; faultIdPrefix: string };
  chaosMesh?: { context: string };
}

export type NewLedgerEntry = Omit<LedgerEntry, 'at' | 'pid' | 'host'>;

export class Ledger {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  /** Append an entry (call before applying). Resolves once the line is on disk. */
  add(entry: NewLedgerEntry): Promise<LedgerEntry> {
    const full: LedgerEntry = { ...entry, at: new Date().toISOString(), pid: process.pid, host: hostname() };
    return this.enqueue(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, `${JSON.stringify(full)}\n`);
      return full;
    });
  }

  /** Drop an entry after verified cleanup (atomic rewrite). Unknown ids are ignored. */
  remove(id: string): Promise<void> {
    return this.enqueue(async () => {
      const entries = await readEntries(this.path);
      const kept = entries.filter((e) => e.id !== id);
      if (kept.length === entries.length) return;
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, kept.map((e) => `${JSON.stringify(e)}\n`).join(''));
      await rename(tmp, this.path);
    });
  }

  list(): Promise<LedgerEntry[]> {
    return this.enqueue(() => readEntries(this.path));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** Entries in the file; a missing file is empty; a torn last line (crash mid-write) is skipped. */
export async function readEntries(path: string): Promise<LedgerEntry[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const entries: LedgerEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as LedgerEntry);
    } catch {
      // A torn line can only be the last write of a crashed process; nothing was applied after it.
    }
  }
  return entries;
}

/** True when the writer still runs; an entry from another host counts as alive (we cannot tell). */
export function isOwnerAlive(entry: LedgerEntry): boolean {
  if (entry.host !== hostname() || entry.pid === process.pid) return true;
  try {
    process.kill(entry.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
