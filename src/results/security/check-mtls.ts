// Asks the cluster whether mTLS is STRICT in the platform's namespace, read-only, through the chaos
// provider's kubectl wrapper (timeouts, no throw, `--context` pinned once found): `kubectl get
// peerauthentications -n <namespace> -o json`, and the mesh-wide policies of istio-system when the
// namespace has none of its own. Never fails a run: no kubectl, no context, an unreachable cluster or a
// refused `get` are "not checked" with the reason. A cluster without the PeerAuthentication type has no
// Istio, so nothing enforces mTLS: that is a finding, not a reason. Runs in: Node.
import {
  currentContext,
  inClusterNamespace,
  SERVICE_ACCOUNT_NAMESPACE_FILE,
} from '../../chaos/providers/chaos-mesh/kube-target.ts';
import { Kubectl, type KubectlResult } from '../../chaos/providers/chaos-mesh/kubectl.ts';
import { judgeMtls, type MtlsFinding, type PeerAuthentication } from './mtls-status.ts';

export type MtlsCheck =
  | ({ readonly checked: true; readonly where: string } & MtlsFinding)
  | { readonly checked: false; readonly reason: string };

/** Istio's root namespace, whose selector-less PeerAuthentication is the mesh-wide one. */
export const ISTIO_ROOT_NAMESPACE = 'istio-system';
const RESOURCE = 'peerauthentications.security.istio.io';
const CALL_TIMEOUT_MS = 15_000;

export interface MtlsCheckOptions {
  readonly namespace: string;
  /** Environment of kubectl (PATH, KUBECONFIG); tests put a fake first on PATH. */
  readonly env?: NodeJS.ProcessEnv;
  readonly namespaceFile?: string;
}

const firstLine = (text: string) => text.trim().split('\n')[0]?.slice(0, 300) ?? '';
const noIstio = (result: KubectlResult) =>
  /doesn't have a resource type|could not find the requested resource|no matches for kind/i.test(
    result.stderr,
  );

export async function checkMtls(options: MtlsCheckOptions): Promise<MtlsCheck> {
  const env = options.env ?? process.env;
  const kubectl = new Kubectl({ env, timeoutMs: CALL_TIMEOUT_MS });
  const version = await kubectl.run(['version', '--client', '-o', 'json']);
  if (!version.ok)
    return {
      checked: false,
      reason:
        version.exitCode === 127 || /not found|ENOENT/i.test(version.stderr)
          ? 'not checked: kubectl not found'
          : `not checked: kubectl does not run (${firstLine(version.stderr)})`,
    };
  const context = await currentContext(kubectl);
  let where: string;
  if (context) {
    kubectl.target = { kind: 'context', context };
    where = `context ${context}`;
  } else {
    const podNamespace = await inClusterNamespace({
      env,
      namespaceFile: options.namespaceFile ?? SERVICE_ACCOUNT_NAMESPACE_FILE,
    });
    if (!podNamespace)
      return { checked: false, reason: 'not checked: no cluster reachable (no kubectl context)' };
    where = `in-cluster (service account of ${podNamespace})`;
  }
  const list = async (namespace: string) => kubectl.run(['get', RESOURCE, '-n', namespace, '-o', 'json']);
  const items = (result: KubectlResult): PeerAuthentication[] | undefined => {
    try {
      const parsed = JSON.parse(result.stdout) as { items?: PeerAuthentication[] };
      return Array.isArray(parsed.items) ? parsed.items : undefined;
    } catch {
      return undefined;
    }
  };
  const own = await list(options.namespace);
  if (!own.ok && noIstio(own))
    return {
      checked: true,
      where,
      namespace: options.namespace,
      mode: 'DISABLE',
      source: 'no PeerAuthentication type in the cluster (Istio not installed)',
      weakening: ['no Istio: nothing enforces mTLS'],
      strict: false,
    };
  const ownItems = own.ok ? items(own) : undefined;
  if (!ownItems)
    return {
      checked: false,
      reason: `not checked: kubectl get ${RESOURCE} -n ${options.namespace} on ${where} failed (${firstLine(own.stderr) || 'unreadable output'})`,
    };
  let rootItems: PeerAuthentication[] = [];
  if (!ownItems.some((p) => Object.keys(p.spec?.selector?.matchLabels ?? {}).length === 0)) {
    const root = await list(ISTIO_ROOT_NAMESPACE);
    // The mesh-wide policy may be out of reach (RBAC): then only the namespace's own policies count.
    rootItems = (root.ok && items(root)) || [];
  }
  return { checked: true, where, ...judgeMtls(options.namespace, ownItems, rootItems) };
}
