// The chaos-mesh provider inside a pod (the nightly soak CronJob of deploy/k8s): no kubeconfig, so no
// context to pin or judge; kubectl acts as the pod's service account, never with --context. The rails
// there are the namespace allowlist (C4ANG_PERF_CHAOS_NAMESPACES; by default only the service
// account's own namespace) and the Role. The ledger records `in-cluster:<namespace>` and the next pod
// of that namespace cleans up. Checked through the recording fake kubectl.
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chaosLedgerDir } from '../../../src/config.ts';
import {
  applyExperiment,
  cleanLeftovers,
  createChaosMeshProvider,
  Ledger,
  type LedgerEntry,
  loadExperiments,
} from '../../../src/chaos/index.ts';
import { verbs } from './helpers/fake-kubectl.ts';
import { podEnvironment, type PodEnvironmentOptions } from './helpers/pod-environment.ts';

const podKill = async () => (await loadExperiments(['chaos/pod-kill-order-service.yaml'])).experiments[0]!;

async function inPod(caseName: string, options: PodEnvironmentOptions = {}) {
  const pod = await podEnvironment(caseName, options);
  const resultsRoot = await mkdtemp(join(tmpdir(), 'chaos-mesh-pod-'));
  const ledger = new Ledger(chaosLedgerDir(resultsRoot));
  const provider = createChaosMeshProvider({
    env: pod.env,
    serviceAccountNamespaceFile: pod.namespaceFile,
    deleteStepTimeoutMs: 1000,
    selectTimeoutMs: 2000,
  });
  return { ...pod, resultsRoot, ledger, provider };
}

/** A ledger entry as a crashed pod of `target` would have left it (its owner process is gone). */
async function leftover(resultsRoot: string, target: string): Promise<void> {
  const experiment = await podKill();
  const entry: LedgerEntry = {
    id: 'pod-kill-order-service-abc123',
    runId: 'soak-crashed',
    provider: 'chaos-mesh',
    at: '2030-01-01T00:00:00Z',
    pid: spawnSync(process.execPath, ['-e', '']).pid!,
    host: hostname(),
    kind: 'PodChaos',
    name: 'pod-kill-order-service-abc123',
    namespace: 'ecommerce',
    manifest: experiment.raw!,
    chaosMesh: { context: target },
  };
  await new Ledger(chaosLedgerDir(resultsRoot)).write(entry);
}

describe('chaos-mesh provider in a pod (no kubeconfig)', () => {
  it('acts as the service account: no --context on any call, discovery instead of reading CRDs', async () => {
    const { provider, calls, ledger } = await inPod('in-cluster', { chaosNamespaces: 'ecommerce' });
    const experiment = await podKill();
    expect(await provider.preflight([experiment])).toEqual([]);
    expect(provider.describe(experiment)).toMatch(
      /with kubectl in-cluster as the service account of namespace c4ang-perf$/,
    );
    const applied = await applyExperiment(provider, ledger, experiment, { runId: 'soak-1' });
    const [entry] = await ledger.list();
    expect(entry).toMatchObject({ id: applied.id, chaosMesh: { context: 'in-cluster:c4ang-perf' } });
    await applied.verifyInjected(10_000);
    await applied.recover();
    expect((await applied.verifyRecovered(10_000)).recovered).toBe(true);

    const log = await calls();
    expect(log.some((c) => c.argv.includes('--context'))).toBe(false);
    expect(verbs(log).slice(0, 4)).toEqual([
      'version --client',
      'config current-context',
      'api-resources --api-group=chaos-mesh.org',
      'apply --dry-run=server',
    ]);
    // CRDs are cluster-scoped: a namespaced Role cannot grant reading them.
    expect(verbs(log)).not.toContain('get crd');
    expect(verbs(log)).toContain(`delete podchaos.chaos-mesh.org/${applied.id}`);
  });

  it('refuses the platform namespace until C4ANG_PERF_CHAOS_NAMESPACES lists it, and applies nothing', async () => {
    const { provider, calls, ledger } = await inPod('in-cluster');
    const problems = await provider.preflight([await podKill()]);
    expect(problems).toEqual([
      'namespace "ecommerce" is not on the allowlist (c4ang-perf); to allow it, list it in C4ANG_PERF_CHAOS_NAMESPACES (comma-separated)',
    ]);
    expect(verbs(await calls())).toEqual(['version --client', 'config current-context']);
    await expect(applyExperiment(provider, ledger, await podKill(), { runId: 'r' })).rejects.toThrow(
      /preflight/,
    );
    expect(await ledger.list()).toEqual([]);
  });

  it('refuses namespaces the list leaves out, and names that are not namespaces', async () => {
    const other = await inPod('in-cluster', { chaosNamespaces: 'payments, c4ang-perf' });
    expect((await other.provider.preflight([await podKill()])).join('\n')).toMatch(
      /namespace "ecommerce" is not on the allowlist \(payments, c4ang-perf\)/,
    );
    const bad = await inPod('in-cluster', { chaosNamespaces: 'ecommerce,Shop_Prod' });
    expect(await bad.provider.preflight([await podKill()])).toEqual([
      'C4ANG_PERF_CHAOS_NAMESPACES: "Shop_Prod" is not a namespace name (RFC 1123 label)',
    ]);
  });

  it('refuses when there is neither a context nor a pod', async () => {
    for (const options of [
      { inPod: false, chaosNamespaces: 'ecommerce' },
      { namespace: null, chaosNamespaces: 'ecommerce' },
    ]) {
      const { provider, calls } = await inPod('in-cluster', options);
      expect((await provider.preflight([await podKill()])).join()).toMatch(
        /no current kubectl context, and not in a Kubernetes pod/,
      );
      expect(verbs(await calls())).toEqual(['version --client', 'config current-context']);
    }
  });

  it('a kubeconfig context in a pod wins: its rails apply, not the namespace default', async () => {
    const { provider, calls } = await inPod('production', { chaosNamespaces: 'ecommerce' });
    expect((await provider.preflight([await podKill()])).join()).toMatch(
      /eks-prod-eu.*looks like production/,
    );
    expect(verbs(await calls())).toEqual(['version --client', 'config current-context']);
  });

  it('stops before any apply when Chaos Mesh is not served', async () => {
    const { provider, calls } = await inPod('in-cluster-no-chaos-mesh', { chaosNamespaces: 'ecommerce' });
    expect(await provider.preflight([await podKill()])).toEqual([
      'Chaos Mesh CRDs missing (podchaos.chaos-mesh.org): the API server does not serve them',
    ]);
    expect(verbs(await calls()).some((v) => v.startsWith('apply'))).toBe(false);
  });

  it('a hanging deletion escalates as the service account too', async () => {
    const { provider, calls, ledger } = await inPod('in-cluster-deletion-hangs', {
      chaosNamespaces: 'ecommerce',
    });
    await provider.preflight([await podKill()]);
    const applied = await applyExperiment(provider, ledger, await podKill(), { runId: 'r' });
    await applied.recover();
    const tail = verbs(await calls()).slice(-6);
    expect(tail.map((v) => v.split(' ')[0])).toEqual(['delete', 'wait', 'annotate', 'wait', 'patch', 'wait']);
    expect((await calls()).some((c) => c.argv.includes('--context'))).toBe(false);
  });
});

describe('leftovers of an in-cluster run', () => {
  it('are deleted from a pod of the same namespace, without --context', async () => {
    const { env, calls, namespaceFile, resultsRoot } = await inPod('in-cluster');
    await leftover(resultsRoot, 'in-cluster:c4ang-perf');
    const report = await cleanLeftovers({
      resultsRoot,
      providers: {
        'chaos-mesh': createChaosMeshProvider({
          env,
          serviceAccountNamespaceFile: namespaceFile,
          deleteStepTimeoutMs: 1000,
        }),
      },
    });
    expect(report.cleaned).toEqual([
      {
        id: 'pod-kill-order-service-abc123',
        notes: [
          'deleted podchaos.chaos-mesh.org/pod-kill-order-service-abc123 in-cluster as the service account of namespace c4ang-perf',
        ],
      },
    ]);
    const log = await calls();
    expect(log.map((c) => c.argv.slice(0, 2).join(' '))).toEqual([
      'config current-context',
      'delete podchaos.chaos-mesh.org/pod-kill-order-service-abc123',
      'wait podchaos.chaos-mesh.org/pod-kill-order-service-abc123',
    ]);
    expect(log[1]!.argv).toEqual(expect.arrayContaining(['-n', 'ecommerce']));
    expect(await new Ledger(chaosLedgerDir(resultsRoot)).list()).toEqual([]);
  });

  it('stay in the ledger when cleaned from elsewhere: another namespace, outside a pod, or with a kubeconfig', async () => {
    const places: [string, PodEnvironmentOptions, RegExp][] = [
      ['in-cluster', { namespace: 'other-team' }, /clean it from a pod of that namespace/],
      ['in-cluster', { inPod: false }, /clean it from a pod of that namespace/],
      ['happy', {}, /current context kind-c4ang here and would act there/],
    ];
    for (const [caseName, options, reason] of places) {
      const { env, calls, namespaceFile, resultsRoot } = await inPod(caseName, options);
      await leftover(resultsRoot, 'in-cluster:c4ang-perf');
      const report = await cleanLeftovers({
        resultsRoot,
        providers: {
          'chaos-mesh': createChaosMeshProvider({ env, serviceAccountNamespaceFile: namespaceFile }),
        },
      });
      expect(report.failed).toHaveLength(1);
      expect(report.failed[0]!.error).toMatch(reason);
      expect(report.failed[0]!.error).toMatch(/delete podchaos\.chaos-mesh\.org\/\S+ -n ecommerce by hand/);
      expect(verbs(await calls()).some((v) => v.startsWith('delete'))).toBe(false);
      expect(await new Ledger(chaosLedgerDir(resultsRoot)).list()).toHaveLength(1);
    }
  });

  it('a context entry is still cleaned on its context, even from a pod', async () => {
    const { env, calls, namespaceFile, resultsRoot } = await inPod('in-cluster');
    await leftover(resultsRoot, 'k3d-old-perf');
    const report = await cleanLeftovers({
      resultsRoot,
      providers: {
        'chaos-mesh': createChaosMeshProvider({
          env,
          serviceAccountNamespaceFile: namespaceFile,
          deleteStepTimeoutMs: 1000,
        }),
      },
    });
    expect(report.cleaned[0]!.notes[0]).toMatch(/on context k3d-old-perf$/);
    expect((await calls()).every((c) => c.argv[0] === '--context' && c.argv[1] === 'k3d-old-perf')).toBe(
      true,
    );
  });
});
