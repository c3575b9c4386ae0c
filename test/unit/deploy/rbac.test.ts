// The rights the nightly soak's service account gets, as a cluster admin reviewing deploy/k8s relies
// on them: one namespaced Role in the platform's namespace, bound by a RoleBinding to that account
// only, no wildcards, nothing cluster-scoped, no secrets, and only the Chaos Mesh kinds the catalogue
// in chaos/ applies. That the Role covers exactly what the provider calls in a pod is checked against
// its real kubectl calls in test/contract/chaos/chaos-mesh-rbac.test.ts.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExperiments } from '../../../src/chaos/index.ts';
import { resourceOf } from '../../../src/chaos/providers/chaos-mesh/resources.ts';
import { chaosRole, chaosRoleBinding, cronJob, deployObjects } from './helpers/deploy-manifests.ts';

async function catalogue() {
  const files = readdirSync('chaos')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `chaos/${f}`);
  const loaded = await loadExperiments(files);
  expect(loaded.problems).toEqual([]);
  return loaded.experiments;
}

// Resources that are not namespaced: a Role naming them grants nothing, and a reviewer should never
// see them asked for.
const CLUSTER_SCOPED = new Set([
  'namespaces',
  'nodes',
  'persistentvolumes',
  'customresourcedefinitions',
  'clusterroles',
  'clusterrolebindings',
  'storageclasses',
  'priorityclasses',
  'mutatingwebhookconfigurations',
  'validatingwebhookconfigurations',
]);

describe('RBAC of the nightly soak', () => {
  it('grants nothing cluster-wide: no ClusterRole or ClusterRoleBinding anywhere in deploy/k8s', () => {
    const kinds = deployObjects().map((o) => o.object.kind);
    expect(kinds).not.toContain('ClusterRole');
    expect(kinds).not.toContain('ClusterRoleBinding');
  });

  it('binds a Role (not a ClusterRole) to the CronJob service account alone', () => {
    const binding = chaosRoleBinding();
    const role = chaosRole();
    const job = cronJob();
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: role.metadata.name,
    });
    expect(binding.metadata.namespace).toBe(role.metadata.namespace);
    expect(binding.subjects).toEqual([
      {
        kind: 'ServiceAccount',
        name: job.spec!.jobTemplate.spec!.template.spec!.serviceAccountName,
        namespace: job.metadata.namespace,
      },
    ]);
  });

  it('uses no wildcards, no cluster-scoped resources, no secrets and no privilege verbs', () => {
    for (const rule of chaosRole().rules ?? []) {
      for (const list of [rule.apiGroups ?? [], rule.resources ?? [], rule.verbs])
        expect(list).not.toContain('*');
      expect(rule.nonResourceURLs ?? []).toEqual([]);
      for (const resource of rule.resources ?? []) {
        expect(CLUSTER_SCOPED.has(resource), resource).toBe(false);
        expect(resource).not.toMatch(/secrets|serviceaccounts|roles|rolebindings|\//);
      }
      for (const verb of rule.verbs)
        expect(['escalate', 'bind', 'impersonate', 'deletecollection']).not.toContain(verb);
    }
  });

  it('lives in the namespace of the experiments, which the CronJob allows explicitly', async () => {
    const experiments = await catalogue();
    const namespaces = new Set(experiments.map((e) => e.metadata.namespace));
    expect([...namespaces]).toEqual([chaosRole().metadata.namespace]);
    const allowed = cronJob()
      .spec!.jobTemplate.spec!.template.spec!.containers[0]!.env!.find(
        (e) => e.name === 'C4ANG_PERF_CHAOS_NAMESPACES',
      )
      ?.value?.split(/[\s,]+/);
    expect(allowed).toEqual([chaosRole().metadata.namespace]);
  });

  it('covers exactly the Chaos Mesh kinds the catalogue applies', async () => {
    const kinds = new Set((await catalogue()).map((e) => e.kind));
    const wanted = [...kinds].map((k) => resourceOf(k).replace(/\.chaos-mesh\.org$/, '')).sort();
    const chaosRules = (chaosRole().rules ?? []).filter((r) => r.apiGroups?.includes('chaos-mesh.org'));
    expect(chaosRules).toHaveLength(1);
    expect(chaosRules[0]!.apiGroups).toEqual(['chaos-mesh.org']);
    expect([...(chaosRules[0]!.resources ?? [])].sort()).toEqual(wanted);
  });
});
