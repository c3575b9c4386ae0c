// Safety rails of the chaos-mesh provider: act only on an allow-listed kubectl context and on
// allow-listed namespaces, and refuse anything that looks like production unless told otherwise.
// Node side; pure.

/** Contexts of local and shared test clusters (kind, minikube, k3d, …, staging, perf, load). */
export const DEFAULT_ALLOWED_CONTEXTS: readonly (string | RegExp)[] = [
  /kind|minikube|k3d|k3s|docker-desktop|rancher-desktop|staging|perf|load/i,
];
export const DEFAULT_ALLOWED_NAMESPACES: readonly string[] = ['ecommerce'];
const PRODUCTION = /prod|prd/i;

export interface ContextPolicy {
  allowedContexts?: readonly (string | RegExp)[];
  allowProduction?: boolean;
}

/** Problems with acting on `context` (empty = allowed). */
export function checkContext(context: string, policy: ContextPolicy = {}): string[] {
  const allowed = policy.allowedContexts ?? DEFAULT_ALLOWED_CONTEXTS;
  const problems: string[] = [];
  if (!context) return ['no current kubectl context'];
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

export function checkNamespaces(
  namespaces: Iterable<string>,
  allowed: readonly string[] = DEFAULT_ALLOWED_NAMESPACES,
): string[] {
  const problems: string[] = [];
  for (const ns of new Set(namespaces)) {
    if (!allowed.includes(ns))
      problems.push(`namespace "${ns}" is not on the allowlist (${allowed.join(', ')})`);
  }
  return problems;
}
