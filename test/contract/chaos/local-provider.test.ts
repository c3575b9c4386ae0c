// The local provider against a fake admin API, applied through applyExperiment: each mode kills
// exactly what it selects, the replicas recover, pod-failure and fault durations are scaled, faults
// are removed on recover, Schedules fire on a scaled interval, the ledger holds exactly the
// un-cleaned entries, a half-done apply is undone by the provider's cleaner, and leftovers of a dead
// run are cleaned through the ledger.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chaosLedgerDir } from '../../../src/config.ts';
import {
  type ApplyContext,
  applyExperiment,
  type ChaosProvider,
  cleanLeftovers,
  createLocalProvider,
  type Experiment,
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
let resultsRoot: string;
let ledger: Ledger;
beforeEach(async () => {
  admin = await startFakeAdmin({ perService: 4, restartDelayMs: 30 });
  resultsRoot = await mkdtemp(join(tmpdir(), 'chaos-local-'));
  ledger = new Ledger(chaosLedgerDir(resultsRoot));
});
afterEach(() => admin.stop());

const provider = () => createLocalProvider({ adminUrl: admin.adminUrl, pollIntervalMs: 10 });
const apply = (p: ChaosProvider, experiment: Experiment, ctx: ApplyContext) =>
  applyExperiment(p, ledger, experiment, ctx);
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
      const applied = await apply(
        p,
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
      await applied.verifyInjected(1000);
      const names = killed();
      expect(names).toHaveLength(count);
      expect(new Set(names).size).toBe(count);
      expect(names.every((n) => n.startsWith('order-service-'))).toBe(true);
      expect(applied.record().selected.sort()).toEqual([...names].sort());
      expect((await ledger.list()).map((e) => e.id)).toEqual([applied.id]);
      await applied.recover();
      const report = await applied.verifyRecovered(5000);
      expect(report.recovered).toBe(true);
      expect(report.recoveryMs).toBeGreaterThanOrEqual(25);
      for (const n of names)
        expect(admin.replicas.find((r) => r.name === n)).toMatchObject({ state: 'ready', restarts: 1 });
      expect(await ledger.list()).toEqual([]);
    },
  );

  it('reports replicas that do not come back', async () => {
    const applied = await apply(provider(), podKill({ name: 'k', service: 'order-service' }), {
      runId: 'r1',
    });
    const victim = admin.replicas.find((r) => r.name === applied.record().selected[0])!;
    victim.state = 'stopped';
    const report = await applied.verifyRecovered(200);
    expect(report).toEqual({ recovered: false, notReady: [victim.name] });
    expect(await ledger.list()).toHaveLength(1);
  });
});

describe('local provider: other actions', () => {
  it('pod-failure asks for the scaled duration and records nominal + applied', async () => {
    const applied = await apply(
      provider(),
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
    const delay = await apply(
      p,
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
    const abort = await apply(
      p,
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
    const applied = await apply(
      provider(),
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
    const applied = await apply(provider(), every, { runId: 'r', timeScale: 0.0005 });
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

  it('preflight flags unreachable targets and unmatched selectors', async () => {
    const { experiments } = await loadExperiments(['chaos']);
    expect(await provider().preflight(experiments)).toEqual([]);
    const nobody = podKill({ name: 'k', service: 'no-such-service' });
    expect((await provider().preflight([nobody])).join()).toMatch(/matches no ready replica/);
    const gone = createLocalProvider({ adminUrl: 'http://127.0.0.1:9' });
    expect((await gone.preflight([nobody])).join()).toMatch(/unreachable/);
  });

  it('validate flags what the embedded target cannot do, with no target attached', () => {
    const base = httpAbort({ name: 'h', service: 'payment-service', duration: '60s' });
    const replace = { ...base, spec: { ...base.spec, abort: undefined, replace: { code: 503 } } };
    const onNodes = podKill({ name: 'k', service: 'order-service' });
    onNodes.spec.selector.nodes = ['node-1'];
    expect(createLocalProvider().validate([base])).toEqual([]);
    expect(createLocalProvider().validate([replace, onNodes])).toEqual([
      'h: not supported locally: HTTPChaos replace (local supports abort and delay)',
      'k: selector uses nodes/nodeSelectors, which the local target cannot match',
    ]);
  });
});

describe('local provider: the contract around apply', () => {
  it('records what the fault is and describes it', async () => {
    const p = provider();
    const abort = httpAbort({ name: 'a', service: 'payment-service', duration: '60s' });
    const applied = await apply(p, abort, { runId: 'r' });
    expect(applied.record()).toMatchObject({ provider: 'local', kind: 'HTTPChaos', action: 'abort' });
    expect(p.describe(abort)).toBe(
      `HTTPChaos abort of requests on one pod (app.kubernetes.io/name=payment-service in ecommerce) for 60s on the embedded target (${admin.adminUrl})`,
    );
    const [entry] = await ledger.list();
    expect(entry).toMatchObject({ id: applied.id, local: { faultIdPrefix: `chaos-${applied.id}` } });
    await applied.recover();
  });

  it('a half-done apply is undone by the provider’s cleaner and leaves no ledger entry', async () => {
    await admin.stop();
    admin = await startFakeAdmin({ perService: 4, failFaultsAfter: 2 });
    const delay = networkDelay({
      name: 'd',
      service: 'order-service',
      to: 'payment-service',
      mode: 'all',
      latency: '200ms',
      duration: '60s',
    });
    await expect(apply(provider(), delay, { runId: 'r' })).rejects.toThrow(/injection failed/);
    expect(admin.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toHaveLength(2);
    expect(admin.faults).toEqual([]);
    expect(await ledger.list()).toEqual([]);
  });

  it('refuses to apply before a target is attached, writing nothing', async () => {
    const p = createLocalProvider();
    const kill = podKill({ name: 'k', service: 'order-service' });
    await expect(apply(p, kill, { runId: 'r' })).rejects.toThrow(/no embedded target attached/);
    expect(await ledger.list()).toEqual([]);
    p.attachTarget(admin.adminUrl);
    const applied = await apply(p, kill, { runId: 'r' });
    expect(applied.record().selected).toHaveLength(1);
  });
});

describe('cleanLeftovers (local)', () => {
  it('reverts faults and failed replicas of a dead run and empties the ledger', async () => {
    const p = provider();
    await apply(p, httpAbort({ name: 'a', service: 'payment-service', mode: 'all', duration: '60s' }), {
      runId: 'crashed',
    });
    await apply(p, podFailure({ name: 'f', service: 'order-service', mode: 'all', duration: '60s' }), {
      runId: 'crashed',
    });
    expect(admin.faults).toHaveLength(4);
    // The owner (this process) still runs, so a plain clean leaves the entries alone.
    const skipped = await cleanLeftovers({ resultsRoot });
    expect(skipped.skipped).toHaveLength(2);
    expect(admin.faults).toHaveLength(4);
    const report = await cleanLeftovers({ resultsRoot, includeLive: true });
    expect(report.failed).toEqual([]);
    expect(report.cleaned).toHaveLength(2);
    expect(admin.faults).toEqual([]);
    expect(admin.calls.filter((c) => c.path.endsWith('/recover'))).toHaveLength(4);
    expect(await ledger.list()).toEqual([]);
  });

  it('cleans a dead owner’s entry by default, and leaves one a live cleaner has claimed', async () => {
    const applied = await apply(
      provider(),
      httpAbort({ name: 'a', service: 'payment-service', duration: '60s' }),
      {
        runId: 'crashed',
      },
    );
    const [entry] = await ledger.list();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    await ledger.write({ ...entry!, pid: dead });
    await ledger.write({ ...entry!, id: 'held-by-live-cleaner', pid: dead });
    await rename(
      join(ledger.dir, 'held-by-live-cleaner.json'),
      join(ledger.dir, `held-by-live-cleaner.cleaning-${process.ppid}`),
    );
    const report = await cleanLeftovers({ resultsRoot });
    expect(report.cleaned.map((c) => c.id)).toEqual([applied.id]);
    expect(report.skipped).toEqual([
      { id: 'held-by-live-cleaner', reason: expect.stringMatching(/another process/) },
    ]);
    expect(admin.faults).toEqual([]);
    expect((await ledger.list()).map((e) => e.id)).toEqual(['held-by-live-cleaner']);
  });
});
