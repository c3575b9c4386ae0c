// Validation and preflight of the chaos-mesh provider, cheapest check first: kubectl present, where it
// acts (an allowed context, or in a pod the service account) and namespaces allowed, Chaos Mesh CRDs
// installed, the API server accepts every manifest (`apply --dry-run=server`), and each selector
// matches at least one Running pod. Node side.
import { actionSpecOf, type Experiment, type PodTargeting } from '../../kinds/types.ts';
import { toManifest } from '../../serialize.ts';
import { checkNamespaces, type ContextPolicy } from './context-guard.ts';
import { findKubeTarget, type InClusterProbe, type KubeTarget, namespaceAllowlist } from './kube-target.ts';
import type { Kubectl } from './kubectl.ts';
import { listSelectedPods } from './pods.ts';
import { resourceOf } from './resources.ts';

export interface PreflightPolicy extends ContextPolicy {
  /** Namespaces chaos may touch; default C4ANG_PERF_CHAOS_NAMESPACES, else per target (kube-target.ts). */
  allowedNamespaces?: readonly string[];
}

/**
 * The checks that need no cluster: every namespace the experiments touch is allow-listed. Where
 * kubectl will act is not known yet, so this uses the context default; preflight applies the
 * in-cluster one.
 */
export function validateChaosMesh(
  experiments: readonly Experiment[],
  policy: PreflightPolicy,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  return checkExperimentNamespaces(experiments, policy, env, undefined);
}

/** Problems found (empty = go). Pins `kubectl.target` to where kubectl acts when that is allowed. */
export async function preflightChaosMesh(
  kubectl: Kubectl,
  experiments: readonly Experiment[],
  policy: PreflightPolicy,
  probe: InClusterProbe,
): Promise<string[]> {
  const version = await kubectl.run(['version', '--client', '-o', 'json'], { timeoutMs: 10_000 });
  if (!version.ok) return [`kubectl not usable: ${version.stderr.trim() || `exit ${version.exitCode}`}`];
  const { target, problems } = await findKubeTarget(kubectl, policy, probe);
  problems.push(...checkExperimentNamespaces(experiments, policy, probe.env, target));
  if (problems.length || !target) return problems;
  kubectl.target = target;

  const unique = [
    ...new Set(experiments.flatMap((e) => [resourceOf(e.kind), resourceOf(actionSpecOf(e).kind)])),
  ];
  const missing = await missingChaosResources(kubectl, target, unique);
  if (missing) return [missing];

  for (const experiment of experiments) {
    const label = experiment.source?.file ?? experiment.metadata.name;
    const dry = await kubectl.run(
      ['apply', '--dry-run=server', '--validate=strict', '-o', 'name', '-f', '-'],
      {
        input: JSON.stringify(toManifest(experiment)),
      },
    );
    if (!dry.ok) problems.push(`${label}: API server rejected the manifest: ${dry.stderr.trim()}`);
    for (const targeting of targetingsOf(experiment)) {
      const pods = await listSelectedPods(kubectl, targeting.selector, experiment.metadata.namespace).catch(
        (error: Error) => {
          problems.push(`${label}: cannot list pods: ${error.message}`);
          return undefined;
        },
      );
      if (pods && !pods.some((p) => p.phase === 'Running')) {
        problems.push(
          `${label}: selector matches no Running pod; Chaos Mesh would select nothing and never retry`,
        );
      }
    }
  }
  return problems;
}

function checkExperimentNamespaces(
  experiments: readonly Experiment[],
  policy: PreflightPolicy,
  env: NodeJS.ProcessEnv,
  target: KubeTarget | undefined,
): string[] {
  const allowlist = namespaceAllowlist(policy.allowedNamespaces, env, target);
  const refused = checkNamespaces(namespacesOf(experiments), allowlist.namespaces, allowlist.hint);
  return [...allowlist.problems, ...refused];
}

/**
 * A problem when a Chaos Mesh resource is not served, else undefined. With a context the CRDs are
 * read by name; in a pod the service account's Role cannot grant that (CRDs are cluster-scoped), so
 * API discovery is asked instead, which every authenticated identity may read.
 */
async function missingChaosResources(
  kubectl: Kubectl,
  target: KubeTarget,
  resources: readonly string[],
): Promise<string | undefined> {
  if (target.kind === 'context') {
    const crdCheck = await kubectl.run(['get', 'crd', ...resources, '-o', 'name']);
    return crdCheck.ok
      ? undefined
      : `Chaos Mesh CRDs missing (${resources.join(', ')}): ${crdCheck.stderr.trim()}`;
  }
  const discovery = await kubectl.run(['api-resources', '--api-group=chaos-mesh.org', '-o', 'name']);
  if (!discovery.ok)
    return `cannot list the chaos-mesh.org API resources: ${discovery.stderr.trim() || `exit ${discovery.exitCode}`}`;
  const served = new Set(discovery.stdout.split('\n').map((line) => line.trim()));
  const missing = resources.filter((r) => !served.has(r));
  return missing.length > 0
    ? `Chaos Mesh CRDs missing (${missing.join(', ')}): the API server does not serve them`
    : undefined;
}

export function targetingsOf(experiment: Experiment): PodTargeting[] {
  const action = actionSpecOf(experiment);
  const list: PodTargeting[] = [action.spec];
  if (action.kind === 'NetworkChaos' && action.spec.target) list.push(action.spec.target);
  return list;
}

function namespacesOf(experiments: readonly Experiment[]): string[] {
  const out: string[] = [];
  for (const e of experiments) {
    out.push(e.metadata.namespace);
    for (const t of targetingsOf(e))
      out.push(...(t.selector.namespaces ?? []), ...Object.keys(t.selector.pods ?? {}));
  }
  return out;
}
