// Safety rails of the chaos-mesh provider: act only on an allow-listed kubectl context and on
// allow-listed namespaces, and refuse anything that looks like production unless told otherwise.
// In a pod with no kubeconfig there is no context to judge: the namespace allowlist and the service
// account's Role are the rails then (kube-target.ts). Node side; pure.

/** Contexts of local and shared test clusters (kind, minikube, k3d, …, staging, perf, load). */
export const DEFAULT_ALLOWED_CONTEXTS: readonly (string | RegExp)[] = [
  /kind|minikube|k3d|k3s|docker-desktop|rancher-desktop|staging|perf|load/i,
];
export const DEFAULT_ALLOWED_NAMESPACES: readonly string[] = ['ecommerce'];
const PRODUCTION = /prod|prd/i;
/**
 * Ledger entries keep the kube target in their `context` field: a context name, or this prefix plus
 * the service account's namespace for in-cluster runs (kube-target.ts). A real context whose name
 * starts with it is refused, so the two can never be confused.
 */
export const IN_CLUSTER_PREFIX = 'in-cluster:';

export interface ContextPolicy {
  allowedContexts?: readonly (string | RegExp)[];
  allowProduction?: boolean;
}

/** Problems with acting on `context` (empty = allowed). */
export function checkContext(context: string, policy: ContextPolicy = {}): string[] {
  const allowed = policy.allowedContexts ?? DEFAULT_ALLOWED_CONTEXTS;
  const problems: string[] = [];
  if (!context) return ['no current kubectl context'];
  if (context.startsWith(IN_CLUSTER_PREFIX)) {
    return [
      `context "${context}" starts with "${IN_CLUSTER_PREFIX}", which the chaos ledger uses for in-cluster runs; rename the context`,
    ];
  }
  if (PRODUCTION.test(context) && !policy.allowProduction) {
    problems.push(
      `context "${context}" looks like production; refusing (pass allowProduction / --allow-production to override)`,
    );
  }
  const listed = allowed.some((a) => (typeof a === 'string' ? a === context : a.test(context)));
  if (!listed) {
    problems.push(
      `context "${context}" is not on the allowlist (${allowed.map(String).join(', ')}); add it explicitly`,
    );
  }
  return problems;
}

/** Problems with touching `namespaces`; `hint` says how to allow a refused one. */
export function checkNamespaces(
  namespaces: Iterable<string>,
  allowed: readonly string[] = DEFAULT_ALLOWED_NAMESPACES,
  hint?: string,
): string[] {
  const problems: string[] = [];
  for (const ns of new Set(namespaces)) {
    if (!allowed.includes(ns))
      problems.push(
        `namespace "${ns}" is not on the allowlist (${allowed.join(', ')})${hint ? `; to allow it, ${hint}` : ''}`,
      );
  }
  return problems;
}
