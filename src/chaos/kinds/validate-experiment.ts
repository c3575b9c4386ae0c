// Validates one parsed YAML document as a Chaos Mesh 2.x object: apiVersion, known kind,
// metadata (name, namespace present), then the kind's spec rules. Collects every problem and
// returns the typed experiment only when there were no errors. Node side; pure.
import type { ProblemCollector } from '../problem.ts';
import { describeValue } from '../problem.ts';
import { isObject, readObject, readString, readStringMap } from './field-checks.ts';
import { readHTTPChaosSpec } from './http-chaos.ts';
import { rejectLegacyScheduler } from './legacy-scheduler.ts';
import { readNetworkChaosSpec } from './network-chaos.ts';
import { readPodChaosSpec } from './pod-chaos.ts';
import { readScheduleSpec } from './schedule.ts';
import { CHAOS_API_VERSION, CHAOS_KINDS, type ChaosKind, type Experiment, type ObjectMeta } from './types.ts';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function validateExperiment(c: ProblemCollector, value: unknown): Experiment | undefined {
  if (!isObject(value)) {
    c.error([], `must be a Kubernetes object (got ${describeValue(value)})`);
    return undefined;
  }
  const apiVersion = value.apiVersion;
  if (apiVersion !== CHAOS_API_VERSION) {
    const hint = apiVersion === 'pingcap.com/v1alpha1' ? ' (pingcap.com is the pre-2.0 group)' : '';
    c.error(
      ['apiVersion'],
      `unsupported (got ${describeValue(apiVersion)}, expected ${CHAOS_API_VERSION})${hint}`,
    );
  }
  const kind = readString<ChaosKind>(c, ['kind'], value.kind, { required: true, oneOf: CHAOS_KINDS });
  const metadata = readMetadata(c, value.metadata);
  const spec = readObject(c, ['spec'], value.spec, true);
  if (!kind || !spec) return undefined;
  const name = metadata?.name;
  const ns = metadata?.namespace;
  let typed: Experiment['spec'] | undefined;
  if (kind === 'Schedule') {
    typed = readScheduleSpec(c, ['spec'], spec, name, ns);
  } else if (!rejectLegacyScheduler(c, ['spec'], kind, name, ns, spec)) {
    if (kind === 'PodChaos') typed = readPodChaosSpec(c, ['spec'], spec, ns);
    else if (kind === 'NetworkChaos') typed = readNetworkChaosSpec(c, ['spec'], spec, ns);
    else typed = readHTTPChaosSpec(c, ['spec'], spec, ns);
  }
  for (const key of Object.keys(value)) {
    if (!['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(key))
      c.error([key], 'unknown top-level field');
  }
  if (!typed || !metadata || c.errorCount > 0) return undefined;
  const { status: _status, ...manifest } = value;
  return { apiVersion: CHAOS_API_VERSION, kind, metadata, spec: typed, raw: manifest } as Experiment;
}

function readMetadata(c: ProblemCollector, value: unknown): ObjectMeta | undefined {
  const raw = readObject(c, ['metadata'], value, true);
  if (!raw) return undefined;
  const name = readString(c, ['metadata', 'name'], raw.name, { required: true });
  if (name !== undefined && (!DNS_SUBDOMAIN.test(name) || name.length > 253)) {
    c.error(
      ['metadata', 'name'],
      `not a valid object name (got ${describeValue(name)}, expected lowercase letters, digits and '-')`,
    );
  }
  if (raw.generateName !== undefined)
    c.error(['metadata', 'generateName'], 'not supported: the harness names each object per run');
  const namespace = readString(c, ['metadata', 'namespace'], raw.namespace);
  if (namespace === undefined && raw.namespace === undefined) {
    c.error(
      ['metadata', 'namespace'],
      'required: set it so the object never lands in whatever namespace the context has (expected e.g. ecommerce)',
    );
  } else if (namespace !== undefined && !DNS_LABEL.test(namespace)) {
    c.error(['metadata', 'namespace'], `not a valid namespace (got ${describeValue(namespace)})`);
  }
  const labels = readStringMap(c, ['metadata', 'labels'], raw.labels);
  const annotations = readStringMap(c, ['metadata', 'annotations'], raw.annotations);
  if (!name || !namespace) return undefined;
  const meta: ObjectMeta = { name, namespace };
  if (labels) meta.labels = labels;
  if (annotations) meta.annotations = annotations;
  return meta;
}
