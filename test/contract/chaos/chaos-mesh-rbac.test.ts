// deploy/k8s/role.yaml against what the chaos-mesh provider really does in a pod: the whole lifecycle
// (preflight, apply, waits, status, delete with its escalation, readiness, leftover cleanup) runs
// in-cluster through the recording fake kubectl, each call is turned into the API permissions it needs
// (helpers/kubectl-permissions.ts), and the Role must grant every one of them — and nothing else. A
// Role that lacks a verb makes the nightly job fail mid-chaos; one with extras grants rights nobody
// uses.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  applyExperiment,
  createChaosMeshProvider,
  type Experiment,
  Ledger,
  loadExperiments,
} from '../../../src/chaos/index.ts';
import { chaosLedgerDir } from '../../../src/config.ts';
import type { KubectlCall } from './helpers/fake-kubectl.ts';
import { type Permission, permissionsOf } from './helpers/kubectl-permissions.ts';
import { podEnvironment } from './helpers/pod-environment.ts';

interface RoleRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}
const role = parse(readFileSync('deploy/k8s/role.yaml', 'utf8')) as {
  metadata: { namespace: string };
  rules: RoleRule[];
};

/** A selector naming pods instead of labels: preflight and recovery then read pods by name (get). */
const BY_NAME = `apiVersion: chaos-mesh.org/v1alpha1
kind: PodChaos
metadata:
  name: pod-kill-by-name
  namespace: ecommerce
spec:
  action: pod-kill
  mode: one
  selector:
    pods:
      ecommerce:
        - order-service-7c9f8-x2k4q
`;

async function experiments(): Promise<Experiment[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rbac-'));
  await writeFile(join(dir, 'pod-kill-by-name.yaml'), BY_NAME);
  const loaded = await loadExperiments([
    'chaos/pod-kill-order-service.yaml',
    'chaos/pod-kill-order-service-with-every-5m.yaml',
    join(dir, 'pod-kill-by-name.yaml'),
  ]);
  expect(loaded.problems).toEqual([]);
  return loaded.experiments;
}

/** Every kubectl call of a full in-cluster lifecycle of `experiment` on a fixture case. */
async function lifecycleCalls(caseName: string, experiment: Experiment): Promise<KubectlCall[]> {
  const pod = await podEnvironment(caseName, { chaosNamespaces: 'ecommerce' });
  const provider = createChaosMeshProvider({
    env: pod.env,
    serviceAccountNamespaceFile: pod.namespaceFile,
    deleteStepTimeoutMs: 1000,
    selectTimeoutMs: 2000,
  });
  expect(await provider.preflight([experiment])).toEqual([]);
  const ledger = new Ledger(chaosLedgerDir(await mkdtemp(join(tmpdir(), 'rbac-results-'))));
  const applied = await applyExperiment(provider, ledger, experiment, { runId: 'rbac' });
  await applied.verifyInjected(10_000).catch(() => undefined);
  await applied.recover();
  await applied.verifyRecovered(5000);
  // And what the next night's pod does with it had this one crashed: clean it as a leftover.
  await provider.cleanLeftover({
    id: applied.id,
    runId: 'rbac',
    provider: 'chaos-mesh',
    at: new Date().toISOString(),
    pid: 0,
    host: 'crashed-pod',
    kind: experiment.kind,
    name: applied.id,
    namespace: experiment.metadata.namespace,
    manifest: {},
    chaosMesh: { context: 'in-cluster:c4ang-perf' },
  });
  return pod.calls();
}

const key = (p: Pick<Permission, 'group' | 'resource' | 'verb'>) => `${p.group}/${p.resource}:${p.verb}`;

describe('deploy/k8s/role.yaml against the in-cluster provider', () => {
  it('grants every permission the provider uses in a pod, in the Role namespace, and no other', async () => {
    const calls: KubectlCall[] = [];
    for (const experiment of await experiments())
      calls.push(...(await lifecycleCalls('in-cluster', experiment)));
    calls.push(...(await lifecycleCalls('in-cluster-deletion-hangs', (await experiments())[0]!)));
    const needed = calls.flatMap(permissionsOf);

    // Namespaced, and only where the Role is.
    expect(new Set(needed.map((p) => p.namespace))).toEqual(new Set([role.metadata.namespace]));

    const granted = role.rules.flatMap((r) =>
      r.apiGroups.flatMap((group) =>
        r.resources.flatMap((resource) => r.verbs.map((verb) => ({ group, resource, verb }))),
      ),
    );
    // Chaos Mesh kinds are handled alike (the provider is kind-agnostic): the verbs are compared as
    // one set; which kinds are granted is checked against the catalogue in test/unit/deploy/rbac.test.ts.
    const chaosVerbs = (list: { group: string; verb: string }[]) =>
      new Set(list.filter((p) => p.group === 'chaos-mesh.org').map((p) => p.verb));
    expect(chaosVerbs(needed)).toEqual(chaosVerbs(granted));
    for (const p of needed.filter((n) => n.group === 'chaos-mesh.org'))
      expect(granted.map(key), `${key(p)} (${p.namespace})`).toContain(key(p));

    const others = (list: Pick<Permission, 'group' | 'resource' | 'verb'>[]) =>
      new Set(list.filter((p) => p.group !== 'chaos-mesh.org').map(key));
    expect(others(needed)).toEqual(others(granted));
  });
});
