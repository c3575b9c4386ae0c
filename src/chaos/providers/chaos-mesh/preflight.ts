// Validation and preflight of the chaos-mesh provider, cheapest check first: kubectl present, context
// and namespaces allowed, Chaos Mesh CRDs installed, the API server accepts every manifest
// (`apply --dry-run=server`), and each selector matches at least one Running pod. Node side.
import { actionSpecOf, type Experiment, type PodTargeting } from '../../kinds/types.ts';
import { toManifest } from '../../serialize.ts';
import { checkContext, checkNamespaces, type ContextPolicy } from './context-guard.ts';
import type { Kubectl } from './kubectl.ts';
import { listSelectedPods } from './pods.ts';
import { resourceOf } from './resources.ts';

export interface PreflightPolicy extends ContextPolicy {
  allowedNamespaces?: readonly string[];
}

/** The checks that need no cluster: every namespace the experiments touch is allow-listed. */
export function validateChaosMesh(experiments: readonly Experiment[], policy: PreflightPolicy): string[] {
  return checkNamespaces(namespacesOf(experiments), policy.allowedNamespaces);
}

/** Problems found (empty = go). Pins `kubectl.context` to the current context when it is allowed. */
export async function preflightChaosMesh(
  kubectl: Kubectl,
  experiments: readonly Experiment[],
  policy: PreflightPolicy,
): Promise<string[]> {
  const version = await kubectl.run(['version', '--client', '-o', 'json'], { timeoutMs: 10_000 });
  if (!version.ok) return [`kubectl not usable: ${version.stderr.trim() || `exit ${version.exitCode}`}`];
  const current = await kubectl.run(['config', 'current-context'], { timeoutMs: 10_000 });
  const context = current.stdout.trim();
  const problems = current.ok ? checkContext(context, policy) : ['no current kubectl context'];
  problems.push(...validateChaosMesh(experiments, policy));
  if (problems.length) return problems;
  kubectl.context = context;

  const unique = [
    ...new Set(experiments.flatMap((e) => [resourceOf(e.kind), resourceOf(actionSpecOf(e).kind)])),
  ];
  const crdCheck = await kubectl.run(['get', 'crd', ...unique, '-o', 'name']);
  if (!crdCheck.ok) return [`Chaos Mesh CRDs missing (${unique.join(', ')}): ${crdCheck.stderr.trim()}`];

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
