// The local provider against the real embedded target: a pod-kill of one order-service replica
// under steady load is hidden by the gateway's retries and the replica comes back; mode `all`
// restarts every payment replica; gateway faults from NetworkChaos/HTTPChaos act and disappear.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosLedgerDir } from '../../../src/config.ts';
import {
  applyExperiment,
  createLocalProvider,
  httpAbort,
  Ledger,
  loadExperiments,
  podKill,
} from '../../../src/chaos/index.ts';
import { startTarget, type RunningTarget } from '../../../src/target/index.ts';

let target: RunningTarget;
let ledger: Ledger;
beforeAll(async () => {
  target = await startTarget({ port: 0, adminPort: 0, replicasPerService: 2, restartDelayMs: 300 });
  ledger = new Ledger(chaosLedgerDir(await mkdtemp(join(tmpdir(), 'chaos-e2e-'))));
});
afterAll(() => target?.stop());

/** Steady closed-loop load on one route for `ms`; counts responses by status (0 = network error). */
async function load(path: string, ms: number, concurrency = 4): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  const end = Date.now() + ms;
  const worker = async () => {
    for (let i = 0; i < 100_000 && Date.now() < end; i++) {
      const status = await fetch(target.baseUrl + path, {
        headers: { host: 'api.c4ang.com' },
        signal: AbortSignal.timeout(5000),
      }).then(
        async (r) => {
          await r.arrayBuffer();
          return r.status;
        },
        () => 0,
      );
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return counts;
}

const errorRate = (counts: Map<number, number>) => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const errors = [...counts].filter(([s]) => s === 0 || s >= 500).reduce((a, [, n]) => a + n, 0);
  return { total, errors, rate: total ? errors / total : 0 };
};

describe('local provider on the embedded target', () => {
  it('pod-kill of one order-service replica under load: retries hide it and the replica recovers', async () => {
    const provider = createLocalProvider({ adminUrl: target.adminUrl });
    const { experiments } = await loadExperiments(['chaos/pod-kill-order-service.yaml']);
    expect(await provider.preflight(experiments)).toEqual([]);
    const during = load('/api/v1/orders/health', 3000);
    await new Promise((r) => setTimeout(r, 500));
    const applied = await applyExperiment(provider, ledger, experiments[0]!, { runId: 'e2e' });
    await applied.verifyInjected(5000);
    const [victim] = applied.record().selected;
    expect(applied.record().selected).toHaveLength(1);
    expect(victim).toMatch(/^order-service-/);
    const counts = await during;
    await applied.recover();
    const report = await applied.verifyRecovered(20_000);
    const { total, errors, rate } = errorRate(counts);
    console.log(
      `pod-kill under load: ${total} requests, ${errors} errors (${(rate * 100).toFixed(2)} %), recovery ${report.recoveryMs} ms`,
    );
    expect(total).toBeGreaterThan(50);
    expect(rate).toBeLessThan(0.02);
    expect(report.recovered).toBe(true);
    expect(target.replicas().find((r) => r.name === victim)).toMatchObject({ state: 'ready' });
    expect(target.replicas().find((r) => r.name === victim)!.restarts).toBeGreaterThanOrEqual(1);
    expect(await ledger.list()).toEqual([]);
  });

  it('mode all kills every payment-service replica and only those', async () => {
    const provider = createLocalProvider({ adminUrl: target.adminUrl });
    const before = new Map(target.replicas().map((r) => [r.name, r.restarts]));
    const applied = await applyExperiment(
      provider,
      ledger,
      podKill({ name: 'pod-kill-payment-service', service: 'payment-service', mode: 'all' }),
      { runId: 'e2e' },
    );
    expect((await applied.verifyRecovered(20_000)).recovered).toBe(true);
    for (const r of target.replicas()) {
      const restarted = r.restarts > before.get(r.name)!;
      expect([r.name, restarted]).toEqual([r.name, r.service === 'payment-service']);
    }
  });

  it('HTTPChaos abort on payment makes payment calls fail, and recover() ends it', async () => {
    const provider = createLocalProvider({ adminUrl: target.adminUrl });
    const applied = await applyExperiment(
      provider,
      ledger,
      httpAbort({
        name: 'http-abort-payment-service',
        service: 'payment-service',
        mode: 'all',
        duration: '60s',
      }),
      {
        runId: 'e2e',
      },
    );
    const broken = errorRate(await load('/api/v1/payments/health', 300, 2));
    await applied.recover();
    expect((await applied.verifyRecovered(5000)).recovered).toBe(true);
    const healed = errorRate(await load('/api/v1/payments/health', 300, 2));
    expect(broken.rate).toBe(1);
    expect(healed.rate).toBe(0);
  });
});
