// The chaos ledger, one file per entry: written before apply, removed after recovery, safe when
// real processes add, remove and claim at the same time (the shared-file ledger lost 236 of 400
// entries in the same race), claims that exclude a second cleaner and are taken over from a dead
// one, torn files skipped with a note, and the old single-file ledger migrated once.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rename, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/chaos/ledger.ts';
import { claimTag } from '../../../src/chaos/ledger-owner.ts';
import { LEASE_MS } from '../../../src/file-lease.ts';
import { isOwnerAlive } from '../../../src/chaos/ledger-owner.ts';
import { LEGACY_LEDGER_FILE, openLedger } from '../../../src/chaos/open-ledger.ts';
import { newLedgerEntry } from './helpers/ledger-entries.ts';

const tempDir = () => mkdtemp(join(tmpdir(), 'ledger-'));
const entry = newLedgerEntry;
const ids = async (ledger: Ledger) => (await ledger.list()).map((e) => e.id).sort();
/** A pid that certainly ran and certainly has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

function worker(dir: string, tag: string, count: number, startAtMs: number, mode: 'churn' | 'claim') {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/unit/chaos/helpers/ledger-worker.ts',
      dir,
      tag,
      String(count),
      String(startAtMs),
      mode,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise<string>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`worker exit ${code}: ${err}`)),
    ),
  );
}

describe('ledger: one file per entry', () => {
  it('adds, lists, removes; unknown ids are fine', async () => {
    const ledger = new Ledger(join(await tempDir(), 'chaos-ledger'));
    expect(await ledger.list()).toEqual([]);
    const a = await ledger.add(entry('a'));
    await ledger.add(entry('b'));
    expect(a).toMatchObject({ id: 'a', pid: process.pid });
    expect(await ids(ledger)).toEqual(['a', 'b']);
    expect(await readdir(ledger.dir)).toEqual(expect.arrayContaining(['a.json', 'b.json']));
    await ledger.remove('a');
    await ledger.remove('no-such-entry');
    expect(await ids(ledger)).toEqual(['b']);
    expect(isOwnerAlive((await ledger.list())[0]!)).toBe(true);
    expect(isOwnerAlive({ pid: deadPid(), host: a.host })).toBe(false);
  });

  it('skips temp files and torn files, with a note', async () => {
    const notes: string[] = [];
    const ledger = new Ledger(await tempDir(), { log: (line) => notes.push(line) });
    await ledger.add(entry('a'));
    await writeFile(join(ledger.dir, '.b.123.abcd.tmp'), '{"id":"b"');
    await writeFile(join(ledger.dir, 'c.json'), '{"id":"c","prov');
    expect(await ids(ledger)).toEqual(['a']);
    expect(notes).toEqual([expect.stringMatching(/skipped .*c\.json: not a complete entry/)]);
  });

  it('refuses ids that are not plain file names', async () => {
    const ledger = new Ledger(await tempDir());
    await expect(ledger.add(entry('../escape'))).rejects.toThrow(/unusable entry id/);
  });

  it('two processes adding and removing 200 entries each lose and resurrect nothing', async () => {
    const dir = await tempDir();
    const startAt = Date.now() + 2000;
    const runs = await Promise.all([
      worker(dir, 'p1', 200, startAt, 'churn'),
      worker(dir, 'p2', 200, startAt, 'churn'),
    ]);
    const [a, b] = runs.map((out) => JSON.parse(out) as { start: number; end: number });
    expect(a!.start < b!.end && b!.start < a!.end, 'the two processes ran at the same time').toBe(true);
    const kept = ['p1', 'p2'].flatMap((tag) => Array.from({ length: 100 }, (_, i) => `${tag}-${2 * i + 1}`));
    expect(await ids(new Ledger(dir))).toEqual(kept.sort());
    expect((await readdir(dir)).filter((n) => !n.endsWith('.json'))).toEqual([]);
  }, 60_000);
});

describe('ledger: claims', () => {
  it('a claim renames the entry, excludes a second claim, and done() drops it', async () => {
    const ledger = new Ledger(await tempDir());
    await ledger.add(entry('a'));
    const claim = await ledger.claim('a');
    expect(claim?.entry.id).toBe('a');
    expect(await readdir(ledger.dir)).toEqual([`a.cleaning-${claimTag()}`]);
    expect(await ids(ledger)).toEqual(['a']);
    expect(await ledger.claim('a')).toBeUndefined();
    await claim!.done();
    expect(await ledger.list()).toEqual([]);
    expect(await ledger.claim('a')).toBeUndefined();
  });

  it('release() puts the entry back for a later try', async () => {
    const ledger = new Ledger(await tempDir());
    await ledger.add(entry('a'));
    await (await ledger.claim('a'))!.release();
    expect(await readdir(ledger.dir)).toEqual(['a.json']);
    expect((await ledger.claim('a'))?.entry.id).toBe('a');
  });

  it('a live cleaner keeps its claim; a dead cleaner’s claim is taken over', async () => {
    const ledger = new Ledger(await tempDir());
    await ledger.add(entry('live'));
    await ledger.add(entry('dead'));
    // The parent (vitest) runs; the dead pid has exited.
    await rename(join(ledger.dir, 'live.json'), join(ledger.dir, `live.cleaning-${process.ppid}`));
    await rename(join(ledger.dir, 'dead.json'), join(ledger.dir, `dead.cleaning-${deadPid()}`));
    expect(await ledger.claim('live')).toBeUndefined();
    const taken = await ledger.claim('dead');
    expect(taken?.entry.id).toBe('dead');
    expect((await readdir(ledger.dir)).sort()).toEqual([
      `dead.cleaning-${claimTag()}`,
      `live.cleaning-${process.ppid}`,
    ]);
  });

  it.runIf(process.platform === 'linux')(
    'a claim a killed cleaner left under a pid now reused (a container restart) is taken over',
    async () => {
      const ledger = new Ledger(await tempDir());
      const ids = ['pid-only', 'older-format', 'earlier-start', 'live'];
      for (const id of ids) await ledger.add(entry(id));
      const [pid, ticks, table] = claimTag().split('-');
      const claimAs = (id: string, tag: string) =>
        rename(join(ledger.dir, `${id}.json`), join(ledger.dir, `${id}.cleaning-${tag}`));
      // Our pid, not our claim: the two older name formats, and ours with an earlier start time.
      await claimAs('pid-only', `${pid}`);
      await claimAs('older-format', `${pid}-${Number(ticks) - 1}`);
      await claimAs('earlier-start', `${pid}-${Number(ticks) - 1}-${table}`);
      for (const id of ids.slice(0, 3)) expect((await ledger.claim(id))?.entry.id).toBe(id);
      // A claim this process holds is never taken over by itself.
      const held = await ledger.claim('live');
      expect(held?.entry.id).toBe('live');
      expect(await ledger.claim('live')).toBeUndefined();
    },
  );

  it.runIf(process.platform === 'linux')(
    'a claim from another process table (another host or container) is judged by its lease',
    async () => {
      const ledger = new Ledger(await tempDir());
      for (const id of ['fresh', 'stale']) await ledger.add(entry(id));
      // Our own pid and start time, in a table that is not ours: our /proc cannot say.
      const [pid, ticks] = claimTag().split('-');
      for (const id of ['fresh', 'stale'])
        await rename(
          join(ledger.dir, `${id}.json`),
          join(ledger.dir, `${id}.cleaning-${pid}-${ticks}-ffffffff`),
        );
      const stale = new Date(Date.now() - LEASE_MS - 5000);
      await utimes(join(ledger.dir, `stale.cleaning-${pid}-${ticks}-ffffffff`), stale, stale);
      expect(await ledger.claim('fresh')).toBeUndefined();
      expect((await ledger.claim('stale'))?.entry.id).toBe('stale');
    },
  );

  it('remove() by the owner also drops a claim, so a failed cleaner cannot bring the entry back', async () => {
    const ledger = new Ledger(await tempDir());
    await ledger.add(entry('a'));
    const claim = await ledger.claim('a');
    await ledger.remove('a');
    await claim!.release();
    expect(await readdir(ledger.dir)).toEqual([]);
  });

  it('two processes claiming the same 200 entries: each is claimed exactly once', async () => {
    const dir = await tempDir();
    const ledger = new Ledger(dir);
    const pid = deadPid();
    for (let i = 0; i < 200; i++) await ledger.write({ ...entry(`e-${i}`), at: 'x', pid, host: 'h' });
    const startAt = Date.now() + 2000;
    const outputs = await Promise.all([
      worker(dir, 'c1', 0, startAt, 'claim'),
      worker(dir, 'c2', 0, startAt, 'claim'),
    ]);
    const [first, second] = outputs.map((out) => JSON.parse(out) as string[]);
    expect(first!.filter((id) => second!.includes(id))).toEqual([]);
    expect([...first!, ...second!].sort()).toEqual(Array.from({ length: 200 }, (_, i) => `e-${i}`).sort());
    expect(await readdir(dir)).toEqual([]);
  }, 60_000);
});

describe('ledger: the old single file', () => {
  it('is migrated into the folder once, torn line skipped, old file kept as .migrated', async () => {
    const root = await tempDir();
    const old = { ...entry('a'), at: '2030-01-01T00:00:00Z', pid: 4_000_001, host: 'ci-1' };
    const lines = [JSON.stringify(old), JSON.stringify({ ...old, id: 'b' }), '{"id":"torn'];
    await writeFile(join(root, LEGACY_LEDGER_FILE), `${lines.join('\n')}\n`);
    const notes: string[] = [];
    const ledger = await openLedger(root, (line) => notes.push(line));
    expect(await ledger.list()).toEqual([old, { ...old, id: 'b' }]);
    expect((await readdir(root)).sort()).toEqual(['chaos-ledger', `${LEGACY_LEDGER_FILE}.migrated`]);
    expect(notes.join('\n')).toMatch(/moved 2 entries/);
    await ledger.remove('a');
    expect(await ids(await openLedger(root))).toEqual(['b']);
  });

  it('takes over a migration a crashed process began', async () => {
    const root = await tempDir();
    const old = { ...entry('a'), at: '2030-01-01T00:00:00Z', pid: 4_000_001, host: 'ci-1' };
    await writeFile(join(root, `${LEGACY_LEDGER_FILE}.migrating-${deadPid()}`), `${JSON.stringify(old)}\n`);
    expect(await ids(await openLedger(root))).toEqual(['a']);
  });
});
