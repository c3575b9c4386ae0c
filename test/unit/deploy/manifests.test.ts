// deploy/k8s as `kubectl apply -k` takes it: every listed file parses, every object passes the
// Kubernetes schema of its kind (kubernetes-models, offline), nothing in the folder is left out of the
// kustomization, and the image it deploys is pinned.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEPLOY_K8S,
  deployObjects,
  type K8sObject,
  kustomization,
  schemaProblems,
} from './helpers/deploy-manifests.ts';

describe('deploy/k8s manifests', () => {
  it('lists every manifest of the folder in kustomization.yaml, and only existing ones', () => {
    const files = readdirSync(DEPLOY_K8S).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');
    expect([...kustomization().resources].sort()).toEqual(files.sort());
  });

  it.each(deployObjects().map((o) => [`${o.file}: ${o.object.kind} ${o.object.metadata?.name}`, o.object]))(
    '%s passes the Kubernetes schema',
    (_label, object) => {
      expect(schemaProblems(object as K8sObject)).toEqual([]);
    },
  );

  it('the schema check catches a wrong field type (so the test above can fail)', () => {
    const cron = deployObjects().find((o) => o.object.kind === 'CronJob')!.object;
    const broken = structuredClone(cron) as K8sObject & { spec: { concurrencyPolicy: unknown } };
    broken.spec.concurrencyPolicy = 'Sometimes';
    expect(schemaProblems(broken).join()).toMatch(/concurrencyPolicy/);
  });

  it('names one object per name and kind, each in an explicit namespace (no namespace transformer)', () => {
    const keys = deployObjects().map((o) => `${o.object.kind}/${o.object.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const { object } of deployObjects())
      if (object.kind !== 'Namespace') expect(object.metadata.namespace, object.kind).toBeTruthy();
  });

  it('deploys the harness image under a pinned tag, never latest', () => {
    const images = kustomization().images ?? [];
    expect(images.map((i) => i.name)).toEqual(['c4ang-perf']);
    expect(images[0]!.newTag).toMatch(/^[\w][\w.-]*$/);
    expect(images[0]!.newTag).not.toBe('latest');
  });
});
