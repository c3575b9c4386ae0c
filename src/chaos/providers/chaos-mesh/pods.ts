// Pod queries for a Chaos Mesh selector through kubectl: which pods match (Running or all), which
// are not Ready, and which Deployments own them (ReplicaSet name minus pod-template-hash), so
// readiness can be checked with `kubectl rollout status`. Node side.
import type { PodSelector } from '../../kinds/types.ts';
import { labelSelectorText } from '../../selector.ts';
import type { Kubectl } from './kubectl.ts';

export interface PodSummary {
  namespace: string;
  name: string;
  phase: string;
  ready: boolean;
  /** Owning Deployment when the owner is a ReplicaSet with a pod-template-hash label. */
  deployment?: string;
}

interface PodJson {
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    ownerReferences?: { kind: string; name: string }[];
  };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}

/** Pods the selector matches in each of its namespaces (`pods` lists are fetched by name). */
export async function listSelectedPods(
  kubectl: Kubectl,
  selector: PodSelector,
  fallbackNamespace: string,
): Promise<PodSummary[]> {
  const out: PodSummary[] = [];
  if (selector.pods) {
    for (const [ns, names] of Object.entries(selector.pods)) {
      const json = await kubectl.must([
        'get',
        'pods',
        '-n',
        ns,
        ...names,
        '-o',
        'json',
        '--ignore-not-found',
      ]);
      out.push(...parsePods(json));
    }
    return out;
  }
  const labels = labelSelectorText(selector);
  const fields = Object.entries(selector.fieldSelectors ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  for (const ns of selector.namespaces ?? [fallbackNamespace]) {
    const args = ['get', 'pods', '-n', ns, '-o', 'json'];
    if (labels) args.push('-l', labels);
    if (fields) args.push(`--field-selector=${fields}`);
    out.push(...parsePods(await kubectl.must(args)));
  }
  const phases = selector.podPhaseSelectors;
  return phases?.length ? out.filter((p) => phases.includes(p.phase)) : out;
}

export function parsePods(json: string): PodSummary[] {
  if (!json.trim()) return [];
  const doc = JSON.parse(json) as { items?: PodJson[] } & Partial<PodJson>;
  const items = doc.items ?? (doc.metadata ? [doc as PodJson] : []);
  return items.map((pod) => {
    const hash = pod.metadata.labels?.['pod-template-hash'];
    const rs = pod.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet')?.name;
    const summary: PodSummary = {
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      phase: pod.status?.phase ?? 'Unknown',
      ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    };
    if (rs && hash && rs.endsWith(`-${hash}`)) summary.deployment = rs.slice(0, -hash.length - 1);
    return summary;
  });
}
