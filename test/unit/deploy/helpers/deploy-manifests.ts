// Reads deploy/k8s as `kubectl apply -k` would take it (the files kustomization.yaml lists) and checks
// each object against the Kubernetes schema of its kind with kubernetes-models (offline: the schemas
// ship in the package). Node side; tests only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { ICronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { parseAllDocuments } from 'yaml';

export const DEPLOY_K8S = 'deploy/k8s';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export interface LoadedObject {
  file: string;
  object: K8sObject;
}

/** The model class of each kind deploy/ uses: `new Model(data).validate()` throws on a schema error. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'batch/v1/CronJob': CronJob,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
};

/** Schema problems of one object (empty = valid); an unknown kind is a problem too. */
export function schemaProblems(object: K8sObject): string[] {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) return [`no schema known for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object as never).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/** Every YAML document of a file (comments allowed), failing on any YAML error. */
export function readYamlDocuments(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  return docs.map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS();
  });
}

export function kustomization(): {
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
} {
  return readYamlDocuments(path.join(DEPLOY_K8S, 'kustomization.yaml'))[0] as never;
}

/** The objects `kubectl apply -k deploy/k8s` creates, with the file each comes from. */
export function deployObjects(): LoadedObject[] {
  return kustomization().resources.flatMap((resource) => {
    const file = path.join(DEPLOY_K8S, resource);
    return readYamlDocuments(file).map((object) => ({ file, object: object as K8sObject }));
  });
}

function onlyOne<T>(kind: string): T {
  const found = deployObjects().filter((o) => o.object.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} in ${DEPLOY_K8S}, found ${found.length}`);
  return found[0]!.object as T;
}

export const cronJob = () => onlyOne<ICronJob & K8sObject>('CronJob');
export const chaosRole = () => onlyOne<IRole & K8sObject>('Role');
export const chaosRoleBinding = () => onlyOne<IRoleBinding & K8sObject>('RoleBinding');

/** The CronJob's one container. */
export function soakContainer(): IContainer {
  const containers = cronJob().spec!.jobTemplate.spec!.template.spec!.containers;
  if (containers.length !== 1) throw new Error(`expected one container, found ${containers.length}`);
  return containers[0]!;
}

/** A plain `value` env var of the soak container (undefined when absent or from a secret). */
export function containerEnv(name: string): string | undefined {
  return soakContainer().env?.find((e) => e.name === name)?.value;
}
