// Whose a ledger entry is, where pids and hosts are not unique: a container gives the harness the
// same small pid on every start (so a crashed run's entry must not look alive to the next run with
// that pid), and an in-cluster cleaner on another host (the next CronJob pod, same results volume)
// judges an entry by the lease its owner keeps renewing, not by a process table it cannot see.
import { spawnSync } from 'node:child_process';
import { mkdtemp, stat, utimes } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanClaimableEntries } from '../../../src/chaos/clean-claimable.ts';
import { Ledger, type LedgerEntry } from '../../../src/chaos/ledger.ts';
import { currentOwner, isOwnerAlive } from '../../../src/chaos/ledger-owner.ts';
import { LEASE_MS, TOUCH_EVERY_MS } from '../../../src/file-lease.ts';
import { newLedgerEntry } from './helpers/ledger-entries.ts';

const linux = process.platform === 'linux';
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const entryOf = (id: string, owner: Partial<LedgerEntry>): LedgerEntry => ({
  ...newLedgerEntry(id),
  at: new Date().toISOString(),
  ...currentOwner(),
  ...owner,
});
const ago = (ms: number) => new Date(Date.now() - ms);

afterEach(() => vi.useRealTimers());

describe.runIf(linux)('an entry owner in this process table', () => {
  it('records its process table and start time, and is alive while that process runs', () => {
    const me = currentOwner();
    expect(me).toMatchObject({ pid: process.pid, host: hostname(), leaseMs: LEASE_MS });
    expect(me.started).toMatch(/^[0-9a-f]{8}:\d+$/);
    expect(isOwnerAlive(me)).toBe(true);
  });

  it('is not alive when its pid now belongs to another process (a container restart reuses pids)', () => {
    const me = currentOwner();
    // Our own pid, written by an earlier process with that pid: a different start time.
    expect(isOwnerAlive({ ...me, started: `${me.started?.split(':')[0]}:1` })).toBe(false);
    expect(isOwnerAlive({ ...me, pid: deadPid() })).toBe(false);
  });
});

describe.runIf(linux)(
  'an entry owner with our host name but another process table (two containers, one host name)',
  () => {
    const me = currentOwner();
    // Our very pid and start time, but in a table that is not ours: our /proc says nothing about it.
    const twin = { ...me, started: `ffffffff:${me.started?.split(':')[1]}` };

    it('is judged by its lease, not by our process table', () => {
      const now = Date.now();
      expect(isOwnerAlive({ ...twin, pid: deadPid() }, now - TOUCH_EVERY_MS, now)).toBe(true);
      expect(isOwnerAlive(twin, now - LEASE_MS - 1, now)).toBe(false);
    });
  },
);

describe('an entry owner on another host', () => {
  const other = { pid: 1, host: `${hostname()}-elsewhere`, leaseMs: LEASE_MS };

  it('is alive while its lease is renewed and a leftover once the lease ran out', () => {
    const now = Date.now();
    expect(isOwnerAlive(other, now - TOUCH_EVERY_MS, now)).toBe(true);
    expect(isOwnerAlive(other, now - LEASE_MS - 1, now)).toBe(false);
  });

  it('without a lease (an older harness wrote it) counts as alive: we cannot tell', () => {
    expect(isOwnerAlive({ pid: 1, host: other.host }, 0)).toBe(true);
  });

  it('chaos:clean undoes an entry whose lease ran out and leaves one whose lease is fresh', async () => {
    const ledger = new Ledger(await mkdtemp(join(tmpdir(), 'ledger-owner-')));
    await ledger.write(entryOf('stale', other));
    await ledger.write(entryOf('fresh', other));
    await utimes(join(ledger.dir, 'stale.json'), ago(LEASE_MS + 5000), ago(LEASE_MS + 5000));
    const undone: string[] = [];
    const report = await cleanClaimableEntries(
      ledger,
      { log: () => undefined },
      {
        clean: async (e) => {
          undone.push(e.id);
          return { cleaned: e.id, line: `recovered ${e.id}` };
        },
        failedLine: (e, message) => `${e.id}: ${message}`,
      },
    );
    expect(undone).toEqual(['stale']);
    expect(report.skipped).toEqual([
      { id: 'fresh', reason: expect.stringMatching(/\(another process table\) renewed its lease \d+ s ago/) },
    ]);
    expect((await ledger.list()).map((e) => e.id)).toEqual(['fresh']);
  });
});

describe('the lease of an entry this process holds', () => {
  it('is renewed every TOUCH_EVERY_MS, also after a failed touch, until the entry is removed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const ledger = new Ledger(await mkdtemp(join(tmpdir(), 'ledger-lease-')));
    const added = await ledger.add(entryOf('held', {}));
    expect(added.leaseMs).toBe(LEASE_MS);
    const file = join(ledger.dir, 'held.json');
    const recentlyTouched = async () => Date.now() - (await stat(file)).mtimeMs < LEASE_MS / 2;

    await utimes(file, ago(LEASE_MS), ago(LEASE_MS));
    vi.advanceTimersByTime(TOUCH_EVERY_MS);
    await vi.waitFor(async () => expect(await recentlyTouched()).toBe(true));

    // A cleaner holds it as a claim for a while (the touch fails), then puts it back.
    const claim = await ledger.claim('held');
    vi.advanceTimersByTime(TOUCH_EVERY_MS);
    await claim!.release();
    await utimes(file, ago(LEASE_MS), ago(LEASE_MS));
    vi.advanceTimersByTime(TOUCH_EVERY_MS);
    await vi.waitFor(async () => expect(await recentlyTouched()).toBe(true));

    await ledger.remove('held');
    expect(vi.getTimerCount()).toBe(0);
  });
});
