// The local provider against a fake admin API: each mode kills exactly what it selects, the
// replicas recover, pod-failure and fault durations are scaled, faults are removed on recover,
// Schedules fire on a scaled interval, and the ledger holds exactly the un-cleaned entries.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cleanLeftovers,
  createLocalProvider,
  httpAbort,
  Ledger,
  loadExperiments,
  networkDelay,
  podFailure,
  podKill,
  schedule,
} from '../../../src/chaos/index.ts';
import { startFakeAdmin, type FakeAdmin } from './helpers/fake-admin.ts';

let admin: FakeAdmin;
let ledgerPath: string;
beforeEach(async () => {
  admin = await startFakeAdmin({ perService: 4, restartDelayMs: 30 });
  ledgerPath = join(await mkdtemp(join(tmpdir(), 'chaos-local-')), 'chaos-ledger.ndjson');
});
afterEach(() => admin.stop());

const provider = () => createLocalProvider({ adminUrl: admin.adminUrl, ledgerPath, pollIntervalMs: 10 });
const killed = () =>
  admin.calls.filter((c) => c.path.endsWith('/kill')).map((c) => decodeURIComponent(c.path.split('/')[2]!));

describe('local provider: pod-kill modes', () => {
  it.each([
    ['one', undefined, 1],
    ['all', undefined, 4],
    ['fixed', '3', 3],
    ['fixed-percent', '50', 2],
  ] as const)(
    'mode %s %s kills exactly %d order-service replicas, which recover',
    async (mode, value, count) => {
      const p = provider();
      const applied = await p.apply(
        podKill({
          name: 'pod-kill-order-service',
          service: 'order-service',
          mode,
          ...(value ? { value } : {}),
        }),
        {
          runId: 'r1',
        },
      );
      await applied.waitInjected(1000);
      const names = killed();
      expect(names).toHaveLength(count);
      expect(new Set(names).size).toBe(count);
      expect(names.every((n) => n.startsWith('order-service-'))).toBe(true);
      expect(applied.record().selected.sort()).toEqual([...names].sort());
      expect((await new Ledger(ledgerPath).list()).map((e) => e.id)).toEqual([applied.id]);
      await applied.recover();
      const report = await applied.verifyRecovered(5000);
      expect(report.recovered).toBe(true);
      expect(report.recoveryMs).toBeGreaterThanOrEqual(25);
      for (const n of names)
        expect(admin.replicas.find((r) => r.name === n)).toMatchObject({ state: 'ready', restarts: 1 });
      expect(await new Ledger(ledgerPath).list()).toEqual([]);
    },
  );

  it('reports replicas that do not come back', async () => {
    const applied = await provider().apply(podKill({ name: 'k', service: 'order-service' }), { runId: 'r1' });
    const victim = admin.replicas.find((r) => r.name === applied.record().selected[0])!;
    victim.state = 'stopped';
    const report = await applied.verifyRecovered(200);
    expect(report).toEqual({ recovered: false, notReady: [victim.name] });
    expect(await new Ledger(ledgerPath).list()).toHaveLength(1);
  });
});

describe('local provider: other actions', () => {
  it('pod-failure asks for the scaled duration and records nominal + applied', async () => {
    const applied = await provider().apply(
      podFailure({ name: 'f', service: 'order-service', duration: '30s' }),
      { runId: 'r', timeScale: 0.005 },
    );
    const fail = admin.calls.find((c) => c.path.endsWith('/fail'));
    expect(fail?.body).toEqual({ durationMs: 150 });
    expect(applied.record().duration).toEqual({ nominalMs: 30_000, appliedMs: 150 });
    expect((await applied.verifyRecovered(3000)).recovered).toBe(true);
  });

  it('NetworkChaos delay and HTTPChaos abort become gateway faults that recover() removes', async () => {
    const p = provider();
    const delay = await p.apply(
      networkDelay({
        name: 'd',
        service: 'order-service',
        to: 'payment-service',
        mode: 'all',
        latency: '200ms',
        duration: '60s',
      }),
      { runId: 'r' },
    );
    const abort = await p.apply(
      httpAbort({ name: 'a', service: 'payment-service', mode: 'fixed', value: '2', duration: '60s' }),
      { runId: 'r' },
    );
    expect(admin.faults.filter((f) => f.kind === 'delay')).toHaveLength(4);
    expect(admin.faults.filter((f) => f.kind === 'abort').map((f) => f.replica)).toHaveLength(2);
    expect((await delay.observe()).phase).toBe('injected');
    await delay.recover();
    await abort.recover();
    expect(admin.faults).toEqual([]);
    expect((await abort.verifyRecovered(1000)).recovered).toBe(true);
  });

  it('a fault with a duration is removed when the scaled duration elapses', async () => {
    const applied = await provider().apply(
      httpAbort({ name: 'a', service: 'payment-service', duration: '10s' }),
      { runId: 'r', timeScale: 0.01 },
    );
    expect(admin.faults).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(admin.faults).toEqual([]);
    expect((await applied.verifyRecovered(500)).recovered).toBe(true);
  });

  it('a Schedule repeats the kill on its interval × timeScale until recover()', async () => {
    const every = schedule({
      name: 's',
      cron: '@every 5m',
      experiment: podKill({ name: 'k', service: 'order-service' }),
    });
    const applied = await provider().apply(every, { runId: 'r', timeScale: 0.0005 });
    expect(applied.record().interval).toEqual({ nominalMs: 300_000, appliedMs: 150 });
    await new Promise((r) => setTimeout(r, 520));
    await applied.recover();
    const fires = applied.record().fires;
    expect(fires).toBeGreaterThanOrEqual(2);
    expect(fires).toBeLessThanOrEqual(4);
    const after = killed().length;
    await new Promise((r) => setTimeout(r, 300));
    expect(killed().length).toBe(after);
  });

  it('preflight flags unreachable targets, unmatched selectors and unsupported actions', async () => {
    const { experiments } = await loadExperiments(['chaos']);
    expect(await provider().preflight(experiments)).toEqual([]);
    const nobody = podKill({ name: 'k', service: 'no-such-service' });
    expect((await provider().preflight([nobody])).join()).toMatch(/matches no ready replica/);
    const gone = createLocalProvider({ adminUrl: 'http://127.0.0.1:9', ledgerPath });
    expect((await gone.preflight([nobody])).join()).toMatch(/unreachable/);
  });
});

describe('cleanLeftovers (local)', () => {
  it('reverts faults and failed replicas of a dead run and empties the ledger', async () => {
    const p = provider();
    await p.apply(httpAbort({ name: 'a', service: 'payment-service', mode: 'all', duration: '60s' }), {
      runId: 'crashed',
    });
    await p.apply(podFailure({ name: 'f', service: 'order-service', mode: 'all', duration: '60s' }), {
      runId: 'crashed',
    });
    expect(admin.faults).toHaveLength(4);
    // The owner (this process) still runs, so a plain clean leaves the entries alone.
    const ledger = new Ledger(ledgerPath);
    const skipped = await cleanLeftovers({ ledgerPath });
    expect(skipped.skipped).toHaveLength(2);
    expect(admin.faults).toHaveLength(4);
    const report = await cleanLeftovers({ ledgerPath, includeLive: true });
    expect(report.failed).toEqual([]);
    expect(report.cleaned).toHaveLength(2);
    expect(admin.faults).toEqual([]);
    expect(admin.calls.filter((c) => c.path.endsWith('/recover'))).toHaveLength(4);
    expect(await ledger.list()).toEqual([]);
  });
});
