// Where the chaos-mesh provider's kubectl acts: a kube context (a laptop or CI runner with a
// kubeconfig) or, inside a pod with no kubeconfig, the pod's own service account ("in-cluster", the
// nightly soak CronJob of deploy/k8s). Also how that target is written into a ledger entry so a later
// process cleans up in the same place, and the namespace allowlist that applies to each. Node side.
import { readFile } from 'node:fs/promises';
import {
  type ContextPolicy,
  checkContext,
  DEFAULT_ALLOWED_NAMESPACES,
  IN_CLUSTER_PREFIX,
} from './context-guard.ts';
import type { Kubectl } from './kubectl.ts';

/** Where Kubernetes mounts the service account's namespace in every pod that has a token. */
export const SERVICE_ACCOUNT_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/** Comma- or space-separated namespaces chaos may touch; overrides the defaults below. */
export const CHAOS_NAMESPACES_ENV = 'C4ANG_PERF_CHAOS_NAMESPACES';

export type KubeTarget =
  | { readonly kind: 'context'; readonly context: string }
  | { readonly kind: 'in-cluster'; readonly namespace: string };

/** The `context` field of a ledger entry: the context name, or `in-cluster:<namespace>`. */
export function targetToLedger(target: KubeTarget): string {
  return target.kind === 'context' ? target.context : `${IN_CLUSTER_PREFIX}${target.namespace}`;
}

/** Inverse of targetToLedger. */
export function targetFromLedger(text: string): KubeTarget {
  return text.startsWith(IN_CLUSTER_PREFIX)
    ? { kind: 'in-cluster', namespace: text.slice(IN_CLUSTER_PREFIX.length) }
    : { kind: 'context', context: text };
}

/** For messages, after a verb: `on context kind-c4ang` / `in-cluster as the service account of namespace c4ang-perf`. */
export function describeTarget(target: KubeTarget): string {
  return target.kind === 'context'
    ? `on context ${target.context}`
    : `in-cluster as the service account of namespace ${target.namespace}`;
}

export interface InClusterProbe {
  env: NodeJS.ProcessEnv;
  /** Default SERVICE_ACCOUNT_NAMESPACE_FILE; tests point it at a temp file. */
  namespaceFile: string;
}

/**
 * The service account's namespace when this process runs in a pod: KUBERNETES_SERVICE_HOST is set
 * (the kubelet sets it in every container) and the namespace file is readable (it is mounted only
 * with a service account token, which kubectl then uses). Undefined otherwise.
 */
export async function inClusterNamespace(probe: InClusterProbe): Promise<string | undefined> {
  if (!probe.env.KUBERNETES_SERVICE_HOST) return undefined;
  const text = await readFile(probe.namespaceFile, 'utf8').catch(() => '');
  const namespace = text.trim();
  return namespace || undefined;
}

// RFC 1123 label: what Kubernetes accepts as a namespace name.
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export interface NamespaceAllowlist {
  namespaces: readonly string[];
  /** How a refused namespace can be allowed, for the error message. */
  hint: string;
  /** Problems with the environment variable's value (bad names). */
  problems: string[];
}

/**
 * The namespaces chaos may touch, first found: the provider option, then C4ANG_PERF_CHAOS_NAMESPACES,
 * then the default of the target. In-cluster the default is only the service account's own namespace:
 * the platform's namespace must be named explicitly, so a job deployed with the wrong settings
 * refuses instead of injecting faults somewhere nobody meant.
 */
export function namespaceAllowlist(
  option: readonly string[] | undefined,
  env: NodeJS.ProcessEnv,
  target: KubeTarget | undefined,
): NamespaceAllowlist {
  const hint = `list it in ${CHAOS_NAMESPACES_ENV} (comma-separated)`;
  if (option) return { namespaces: option, hint: 'add it to allowedNamespaces', problems: [] };
  const raw = env[CHAOS_NAMESPACES_ENV];
  if (raw !== undefined && raw.trim() !== '') {
    const namespaces = raw.split(/[\s,]+/).filter(Boolean);
    const problems = namespaces
      .filter((ns) => !NAMESPACE_NAME.test(ns))
      .map((ns) => `${CHAOS_NAMESPACES_ENV}: "${ns}" is not a namespace name (RFC 1123 label)`);
    return { namespaces, hint, problems };
  }
  if (target?.kind === 'in-cluster') return { namespaces: [target.namespace], hint, problems: [] };
  return { namespaces: DEFAULT_ALLOWED_NAMESPACES, hint, problems: [] };
}

/**
 * Where kubectl would act now: the current context when there is one (judged by the context policy),
 * else the pod's service account when in a pod; problems when neither, or the context is refused.
 */
export async function findKubeTarget(
  kubectl: Kubectl,
  policy: ContextPolicy,
  probe: InClusterProbe,
): Promise<{ target?: KubeTarget; problems: string[] }> {
  const context = await currentContext(kubectl);
  if (context) {
    const problems = checkContext(context, policy);
    return problems.length > 0 ? { problems } : { target: { kind: 'context', context }, problems };
  }
  const namespace = await inClusterNamespace(probe);
  if (namespace) return { target: { kind: 'in-cluster', namespace }, problems: [] };
  return {
    problems: [
      `no current kubectl context, and not in a Kubernetes pod (KUBERNETES_SERVICE_HOST unset or ${probe.namespaceFile} unreadable)`,
    ],
  };
}

/** kubectl's current context, or undefined when none is set (no kubeconfig, as in a pod). */
export async function currentContext(kubectl: Kubectl): Promise<string | undefined> {
  const result = await kubectl.run(['config', 'current-context'], { timeoutMs: 10_000 });
  return (result.ok && result.stdout.trim()) || undefined;
}
