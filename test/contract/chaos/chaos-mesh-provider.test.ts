// The chaos-mesh provider's kubectl calls, checked through a recording fake kubectl first on PATH
// (no live cluster is used in CI): preflight order and refusals, apply with a unique name and run
// labels, waits, status events, deletion with escalation, delete-on-abort, the undo of a failed
// apply, and leftover cleaning on the entry's own context.
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../../src/errors.ts';
import { chaosLedgerDir } from '../../../src/config.ts';
import {
  type ApplyContext,
  applyExperiment,
  type ChaosProvider,
  cleanLeftovers,
  createChaosMeshProvider,
  type Experiment,
  Ledger,
  loadExperiments,
  runExperiment,
} from '../../../src/chaos/index.ts';
import { fakeKubectl, verbs } from './helpers/fake-kubectl.ts';

const podKill = async () => (await loadExperiments(['chaos/pod-kill-order-service.yaml'])).experiments[0]!;

async function setup(caseName: string) {
  const fake = await fakeKubectl(caseName);
  const resultsRoot = await mkdtemp(join(tmpdir(), 'chaos-mesh-'));
  const ledger = new Ledger(chaosLedgerDir(resultsRoot));
  const provider = createChaosMeshProvider({
    env: fake.env,
    deleteStepTimeoutMs: 1000,
    selectTimeoutMs: 2000,
  });
  const apply = (p: ChaosProvider, experiment: Experiment, ctx: ApplyContext) =>
    applyExperiment(p, ledger, experiment, ctx);
  return { ...fake, resultsRoot, ledger, provider, apply };
}

describe('chaos-mesh provider (fake kubectl)', () => {
  it('runs preflight, apply, waits, status, delete and rollout check in order', async () => {
    const { provider, calls, ledger, apply } = await setup('happy');
    const experiment = await podKill();
    expect(await provider.preflight([experiment])).toEqual([]);
    const applied = await apply(provider, experiment, { runId: 'run-42' });
    await applied.verifyInjected(10_000);
    await applied.recover();
    const report = await applied.verifyRecovered(10_000);
    expect(report.recovered).toBe(true);

    const log = await calls();
    expect(verbs(log)).toEqual([
      'version --client',
      'config current-context',
      'get crd',
      'apply --dry-run=server',
      'get pods',
      'get pods',
      'apply --validate=strict',
      `wait podchaos.chaos-mesh.org/${applied.id}`,
      `wait podchaos.chaos-mesh.org/${applied.id}`,
      `get podchaos.chaos-mesh.org/${applied.id}`,
      `get podchaos.chaos-mesh.org/${applied.id}`,
      `delete podchaos.chaos-mesh.org/${applied.id}`,
      `wait podchaos.chaos-mesh.org/${applied.id}`,
      'rollout status',
      'get pods',
    ]);
    const pinned = log.slice(2);
    expect(pinned.every((c) => c.argv[0] === '--context' && c.argv[1] === 'kind-c4ang')).toBe(true);
    expect(log[2]!.argv).toEqual(expect.arrayContaining(['podchaos.chaos-mesh.org']));
    expect(log[4]!.argv).toEqual(
      expect.arrayContaining(['-n', 'ecommerce', '-l', 'app.kubernetes.io/name=order-service']),
    );
    const waits = log
      .filter((c) => c.argv.includes('wait'))
      .map((c) => c.argv.find((a) => a.startsWith('--for=')));
    expect(waits).toEqual(['--for=condition=Selected', '--for=condition=AllInjected', '--for=delete']);
    const del = log.find((c) => c.argv.includes('delete'))!;
    expect(del.argv).toEqual(expect.arrayContaining(['-n', 'ecommerce', '--wait=false']));
    expect(log.find((c) => c.argv.includes('rollout'))!.argv).toEqual(
      expect.arrayContaining(['deployment/order-service']),
    );

    const manifest = JSON.parse(log[6]!.stdin!);
    expect(manifest.metadata.name).toBe(applied.id);
    expect(applied.id).toMatch(/^pod-kill-order-service-[a-z0-9]{6}$/);
    expect(manifest.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'c4ang-perf',
      'c4ang-perf/run-id': 'run-42',
    });
    expect(manifest.spec).toEqual(experiment.raw!.spec);

    const record = applied.record();
    expect(record.selected).toEqual(['ecommerce/order-service-7c9f8-x2k4q']);
    expect(record.injectedAt).toBe('2030-01-01T10:00:01Z');
    expect(record.events).toHaveLength(1);
    expect(record.escalations).toEqual([]);
    expect(await ledger.list()).toEqual([]);
  });

  it('writes the ledger entry before kubectl apply', async () => {
    const { provider, ledger, apply } = await setup('happy');
    await provider.preflight([await podKill()]);
    const applied = await apply(provider, await podKill(), { runId: 'r' });
    const [entry] = await ledger.list();
    expect(entry).toMatchObject({
      id: applied.id,
      provider: 'chaos-mesh',
      chaosMesh: { context: 'kind-c4ang' },
    });
    await applied.recover();
  });

  it('refuses a production-looking context and never applies', async () => {
    const { provider, calls, ledger, apply } = await setup('production');
    const problems = await provider.preflight([await podKill()]);
    expect(problems.join('\n')).toMatch(/eks-prod-eu.*looks like production/);
    expect(verbs(await calls())).toEqual(['version --client', 'config current-context']);
    await expect(apply(provider, await podKill(), { runId: 'r' })).rejects.toThrow(/preflight/);
    expect(await ledger.list()).toEqual([]);
  });

  it('allows production only with allowProduction and an explicit allowlist entry', async () => {
    const fake = await fakeKubectl('production');
    const provider = createChaosMeshProvider({
      env: fake.env,
      allowProduction: true,
      allowedContexts: ['eks-prod-eu'],
    });
    expect(await provider.preflight([await podKill()])).toEqual([]);
  });

  it('refuses to start when the selector matches no Running pod', async () => {
    const { provider } = await setup('no-running-pods');
    expect((await provider.preflight([await podKill()])).join()).toMatch(/matches no Running pod/);
  });

  it('escalates a hanging deletion: force annotation, then finalizer patch, and says so', async () => {
    const { provider, calls, apply } = await setup('deletion-hangs');
    await provider.preflight([await podKill()]);
    const applied = await apply(provider, await podKill(), { runId: 'r' });
    await applied.recover();
    const log = (await calls()).map((c) => c.argv.slice(2).join(' '));
    const tail = log.slice(log.findIndex((l) => l.startsWith('delete ')));
    expect(tail.map((l) => l.split(' ')[0])).toEqual(['delete', 'wait', 'annotate', 'wait', 'patch', 'wait']);
    expect(tail[2]).toContain('chaos-mesh.chaos-mesh.org/cleanFinalizer=forced');
    expect(tail[4]).toContain('{"metadata":{"finalizers":null}}');
    expect(applied.record().escalations).toHaveLength(2);
    expect(applied.record().escalations[1]).toMatch(/removed finalizers/);
  });

  it('deletes the object when the run is aborted mid-experiment', async () => {
    const { provider, calls, ledger } = await setup('happy');
    await provider.preflight([await podKill()]);
    const controller = new AbortController();
    const run = runExperiment(provider, await podKill(), {
      ledger,
      runId: 'r',
      holdMs: 60_000,
      signal: controller.signal,
    });
    for (let i = 0; i < 100 && !verbs(await calls()).some((v) => v.startsWith('get podchaos')); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    controller.abort('SIGINT');
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    const log = verbs(await calls());
    expect(log.some((v) => v.startsWith('delete podchaos.chaos-mesh.org/'))).toBe(true);
    expect(await ledger.list()).toEqual([]);
  });

  it('a failed kubectl apply is undone by deleting the object, and the ledger entry goes', async () => {
    const { provider, calls, ledger, apply } = await setup('apply-fails');
    await provider.preflight([await podKill()]);
    await expect(apply(provider, await podKill(), { runId: 'r' })).rejects.toThrow(
      /context deadline exceeded/,
    );
    const log = await calls();
    const del = log.find((c) => c.argv.includes('delete'))!;
    expect(del.argv.slice(0, 2)).toEqual(['--context', 'kind-c4ang']);
    expect(del.argv).toEqual(expect.arrayContaining(['-n', 'ecommerce', '--ignore-not-found']));
    expect(await ledger.list()).toEqual([]);
  });

  it('cleans a leftover on the context it was applied to, never the current one', async () => {
    const { env, calls } = await fakeKubectl('happy');
    const resultsRoot = await mkdtemp(join(tmpdir(), 'chaos-mesh-'));
    const experiment = await podKill();
    await new Ledger(chaosLedgerDir(resultsRoot)).write({
      id: 'pod-kill-order-service-abc123',
      runId: 'crashed',
      provider: 'chaos-mesh',
      at: '2030-01-01T00:00:00Z',
      pid: spawnSync(process.execPath, ['-e', '']).pid!,
      host: hostname(),
      kind: 'PodChaos',
      name: 'pod-kill-order-service-abc123',
      namespace: 'ecommerce',
      manifest: experiment.raw!,
      chaosMesh: { context: 'k3d-old-perf' },
    });
    const report = await cleanLeftovers({
      resultsRoot,
      providers: { 'chaos-mesh': createChaosMeshProvider({ env, deleteStepTimeoutMs: 1000 }) },
    });
    expect(report.cleaned).toEqual([
      {
        id: 'pod-kill-order-service-abc123',
        notes: ['deleted podchaos.chaos-mesh.org/pod-kill-order-service-abc123 on context k3d-old-perf'],
      },
    ]);
    const log = await calls();
    expect(log.map((c) => c.argv.slice(0, 3).join(' '))).toEqual([
      '--context k3d-old-perf delete',
      '--context k3d-old-perf wait',
    ]);
    expect(await new Ledger(chaosLedgerDir(resultsRoot)).list()).toEqual([]);
  });
});
