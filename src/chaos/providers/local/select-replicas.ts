// Chaos Mesh selection carried out on the embedded target's replicas: selector matching
// (namespaces, labels, expressions, fields, phases, pods) and the mode/value pick. Node side; pure.
import type { PodSelector, PodTargeting } from '../../kinds/types.ts';
import { countForMode } from '../../mode.ts';
import type { ReplicaInfo } from './admin-client.ts';

/** Kubernetes pod phase a replica state stands for. */
export function phaseOf(replica: ReplicaInfo): string {
  if (replica.state === 'ready' || replica.state === 'draining') return 'Running';
  if (replica.state === 'starting') return 'Pending';
  return 'Failed';
}

/** Selector parts the embedded target cannot honour (no nodes, no annotations). */
export function unsupportedSelectorParts(selector: PodSelector): string[] {
  const parts: string[] = [];
  if (selector.nodes?.length || selector.nodeSelectors) parts.push('nodes/nodeSelectors');
  if (selector.annotationSelectors) parts.push('annotationSelectors');
  return parts;
}

export function matchesSelector(selector: PodSelector, replica: ReplicaInfo): boolean {
  if (selector.pods) return (selector.pods[replica.namespace] ?? []).includes(replica.name);
  if (selector.namespaces?.length && !selector.namespaces.includes(replica.namespace)) return false;
  for (const [key, value] of Object.entries(selector.labelSelectors ?? {})) {
    if (replica.labels[key] !== value) return false;
  }
  for (const e of selector.expressionSelectors ?? []) {
    const has = Object.hasOwn(replica.labels, e.key);
    const inValues = has && (e.values ?? []).includes(replica.labels[e.key]!);
    const ok =
      e.operator === 'In'
        ? inValues
        : e.operator === 'NotIn'
          ? !inValues
          : e.operator === 'Exists'
            ? has
            : !has;
    if (!ok) return false;
  }
  const fields: Record<string, string> = {
    'metadata.name': replica.name,
    'metadata.namespace': replica.namespace,
    'status.phase': phaseOf(replica),
  };
  for (const [key, value] of Object.entries(selector.fieldSelectors ?? {})) {
    if (fields[key] !== value) return false;
  }
  if (selector.podPhaseSelectors?.length && !selector.podPhaseSelectors.includes(phaseOf(replica)))
    return false;
  return unsupportedSelectorParts(selector).length === 0;
}

/** Matches of a targeting's selector, and the random subset its mode picks. */
export function selectReplicas(
  targeting: PodTargeting,
  replicas: readonly ReplicaInfo[],
  random: () => number = Math.random,
): { matched: ReplicaInfo[]; selected: ReplicaInfo[] } {
  const matched = replicas.filter((r) => matchesSelector(targeting.selector, r));
  const count = countForMode(targeting.mode, targeting.value, matched.length, random);
  const pool = [...matched];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return { matched, selected: pool.slice(0, count) };
}
