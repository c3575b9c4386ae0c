// Checks the objects of a k6-operator run before they leave this machine: the TestRun against our
// reading of its schema (testrun-schema.ts) plus the rules a schema cannot say (names the operator
// derives its Jobs and Services from, volume mounts that name a volume, the target's settings only
// ever from the Secret, the harness's labels everywhere), and the ConfigMap and Secret against the
// Kubernetes rules for names, keys and the 1 MiB limit. Every problem is one line naming the field.
// Runs in: Node; pure.
import { CONFIGMAP_MAX_BYTES, DATA_KEY, DNS_1035_LABEL, DNS_LABEL, labelMapProblems } from './k8s-names.ts';
import type { K8sManifest } from './manifests.ts';
import { maxTestRunNameLength, SECRET_ENV_NAMES } from './operator-plan.ts';
import { checkShape } from './shape.ts';
import { TESTRUN_SHAPE } from './testrun-schema.ts';

const MANAGED_BY = 'app.kubernetes.io/managed-by';
const RUN_ID = 'c4ang-perf/run-id';
const POD_PARTS = ['runner', 'initializer', 'starter'] as const;

interface EnvVar {
  name?: string;
  value?: unknown;
  valueFrom?: Record<string, unknown>;
}
interface PodPart {
  env?: EnvVar[];
  volumes?: { name?: string }[];
  volumeMounts?: { name?: string; mountPath?: string }[];
  metadata?: { labels?: Record<string, unknown>; annotations?: Record<string, unknown> };
}

export function testRunProblems(testRun: unknown): string[] {
  const problems = checkShape(testRun, TESTRUN_SHAPE, 'TestRun');
  if (problems.length > 0) return problems;
  const object = testRun as K8sManifest & {
    spec: { parallelism: number; script: Record<string, unknown> } & Partial<Record<string, PodPart>>;
  };
  const { name } = object.metadata;
  const longest = maxTestRunNameLength(object.spec.parallelism);
  if (!(DNS_1035_LABEL.test(name) && name.length <= longest))
    problems.push(
      `TestRun.metadata.name: "${name}" must start with a letter, hold only a-z, 0-9 and '-', and be at most ${longest} long (the operator names its Jobs and Services after it)`,
    );
  if (object.metadata.namespace !== undefined && !DNS_LABEL.test(object.metadata.namespace))
    problems.push(`TestRun.metadata.namespace: "${object.metadata.namespace}" is not a namespace name`);
  const sources = Object.keys(object.spec.script);
  if (sources.length !== 1)
    problems.push(
      `TestRun.spec.script: exactly one of configMap, volumeClaim, localFile (got ${sources.join(', ') || 'none'})`,
    );
  const file = (object.spec.script.configMap as { file?: string } | undefined)?.file;
  if (file !== undefined && !DATA_KEY.test(file))
    problems.push(`TestRun.spec.script.configMap.file: "${file}" is not a ConfigMap key`);
  problems.push(...harnessLabelProblems(object.metadata.labels, 'TestRun.metadata.labels'));
  problems.push(...labelMapProblems(object.metadata.labels, 'TestRun.metadata.labels'));
  for (const part of POD_PARTS) {
    const pod = object.spec[part];
    if (pod) problems.push(...podProblems(pod, `TestRun.spec.${part}`));
  }
  if (object.spec.runner)
    problems.push(
      ...harnessLabelProblems(object.spec.runner.metadata?.labels, 'TestRun.spec.runner.metadata.labels'),
    );
  return problems;
}

function podProblems(pod: PodPart, where: string): string[] {
  const problems = labelMapProblems(pod.metadata?.labels, `${where}.metadata.labels`);
  const seen = new Set<string>();
  (pod.env ?? []).forEach((variable, i) => {
    const at = `${where}.env[${i}]`;
    if (variable.name !== undefined) {
      if (seen.has(variable.name)) problems.push(`${at}.name: "${variable.name}" is set twice`);
      seen.add(variable.name);
    }
    if (variable.value !== undefined && variable.valueFrom !== undefined)
      problems.push(`${at}: value and valueFrom are exclusive`);
    if (variable.valueFrom && Object.keys(variable.valueFrom).length !== 1)
      problems.push(
        `${at}.valueFrom: exactly one source (secretKeyRef, configMapKeyRef, fieldRef, resourceFieldRef)`,
      );
    // The harness's rule, not the operator's: a TestRun is readable by whoever can list TestRuns.
    if (
      (SECRET_ENV_NAMES as readonly string[]).includes(variable.name ?? '') &&
      !variable.valueFrom?.secretKeyRef
    )
      problems.push(`${at}: ${variable.name} must come from a Secret (valueFrom.secretKeyRef), never inline`);
  });
  const volumes = new Set((pod.volumes ?? []).map((v) => v.name));
  (pod.volumeMounts ?? []).forEach((mount, i) => {
    if (!volumes.has(mount.name))
      problems.push(`${where}.volumeMounts[${i}].name: no volume "${mount.name}" in ${where}.volumes`);
    if (mount.mountPath === '/test' || mount.mountPath?.startsWith('/test/'))
      problems.push(`${where}.volumeMounts[${i}].mountPath: /test is where the operator mounts the script`);
  });
  return problems;
}

function harnessLabelProblems(labels: Record<string, unknown> | undefined, where: string): string[] {
  const problems: string[] = [];
  if (labels?.[MANAGED_BY] !== 'c4ang-perf')
    problems.push(`${where}: needs ${MANAGED_BY}: c4ang-perf (cleanup finds objects by it)`);
  if (typeof labels?.[RUN_ID] !== 'string') problems.push(`${where}: needs ${RUN_ID} (which run made it)`);
  return problems;
}

/** ConfigMap or Secret problems: name, labels, data keys and, for the ConfigMap, the 1 MiB limit. */
export function dataObjectProblems(object: K8sManifest): string[] {
  const where = object.kind;
  const problems: string[] = [];
  if (!DNS_LABEL.test(object.metadata.name))
    problems.push(`${where}.metadata.name: "${object.metadata.name}" is not a valid name`);
  problems.push(...labelMapProblems(object.metadata.labels, `${where}.metadata.labels`));
  problems.push(...harnessLabelProblems(object.metadata.labels, `${where}.metadata.labels`));
  const field = object.kind === 'Secret' ? 'stringData' : 'data';
  const data = (object[field] ?? {}) as Record<string, unknown>;
  let bytes = 0;
  for (const [key, value] of Object.entries(data)) {
    if (!DATA_KEY.test(key)) problems.push(`${where}.${field}: "${key}" is not a valid key`);
    if (typeof value !== 'string') problems.push(`${where}.${field}.${key}: must be a string`);
    else bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (object.kind === 'ConfigMap' && bytes > CONFIGMAP_MAX_BYTES)
    problems.push(
      `ConfigMap.data: the bundle is ${(bytes / 1024).toFixed(0)} KiB; a ConfigMap holds at most ${CONFIGMAP_MAX_BYTES / 1024} KiB and k6-operator reads the script from one (make the scenario smaller)`,
    );
  return problems;
}

/** Every problem of the three objects of a run, in apply order. */
export function manifestProblems(objects: readonly K8sManifest[]): string[] {
  return objects.flatMap((object) =>
    object.kind === 'TestRun' ? testRunProblems(object) : dataObjectProblems(object),
  );
}
