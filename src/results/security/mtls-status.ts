// Whether mTLS is STRICT in a namespace, from its PeerAuthentication objects as Istio resolves them:
// a workload policy (with a selector) beats the namespace-wide one, which beats the mesh-wide one in
// the root namespace; UNSET inherits; with none at all Istio's default is PERMISSIVE; a port-level
// mode overrides a policy's mode for that port. STRICT means the namespace's mode is STRICT and no
// workload or port policy there weakens it. Pure. Runs in: Node.

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** The parts of a PeerAuthentication (security.istio.io/v1) that decide its mode. */
export interface PeerAuthentication {
  metadata?: { name?: string; namespace?: string; creationTimestamp?: string };
  spec?: {
    selector?: { matchLabels?: Record<string, string> } | null;
    mtls?: { mode?: string } | null;
    portLevelMtls?: Record<string, { mode?: string } | null> | null;
  };
}

export interface MtlsFinding {
  readonly namespace: string;
  /** The namespace-wide mode in effect. */
  readonly mode: MtlsMode;
  /** Where that mode comes from, e.g. `ecommerce/default` or `Istio's default (no PeerAuthentication)`. */
  readonly source: string;
  /** Every policy in effect that leaves some traffic without mTLS; empty when STRICT throughout. */
  readonly weakening: readonly string[];
  readonly strict: boolean;
}

const nameOf = (p: PeerAuthentication) => `${p.metadata?.namespace ?? '?'}/${p.metadata?.name ?? '?'}`;
const isWide = (p: PeerAuthentication) => Object.keys(p.spec?.selector?.matchLabels ?? {}).length === 0;
const modeOf = (value: string | undefined): MtlsMode | 'UNSET' =>
  value === 'STRICT' || value === 'PERMISSIVE' || value === 'DISABLE' ? value : 'UNSET';

/** Istio keeps the oldest when several namespace-wide policies exist. */
function oldestWide(policies: readonly PeerAuthentication[]): PeerAuthentication | undefined {
  return policies
    .filter(isWide)
    .sort((a, b) =>
      (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? ''),
    )[0];
}

export function judgeMtls(
  namespace: string,
  namespacePolicies: readonly PeerAuthentication[],
  rootPolicies: readonly PeerAuthentication[],
): MtlsFinding {
  const own = oldestWide(namespacePolicies);
  const mesh = oldestWide(rootPolicies);
  let mode: MtlsMode = 'PERMISSIVE';
  let source = "Istio's default (no PeerAuthentication in the namespace or the mesh)";
  for (const policy of [own, mesh]) {
    const value = policy && modeOf(policy.spec?.mtls?.mode ?? undefined);
    if (policy && value && value !== 'UNSET') {
      mode = value;
      source = nameOf(policy);
      break;
    }
  }
  const weakening: string[] = [];
  if (mode !== 'STRICT') weakening.push(`namespace-wide mode ${mode} (${source})`);
  for (const policy of namespacePolicies) {
    const own = modeOf(policy.spec?.mtls?.mode ?? undefined);
    if (!isWide(policy) && own !== 'UNSET' && own !== 'STRICT')
      weakening.push(`${nameOf(policy)} sets ${own} for ${describeSelector(policy)}`);
    for (const [port, entry] of Object.entries(policy.spec?.portLevelMtls ?? {})) {
      const portMode = modeOf(entry?.mode ?? undefined);
      if (portMode !== 'UNSET' && portMode !== 'STRICT')
        weakening.push(`${nameOf(policy)} sets ${portMode} on port ${port}`);
    }
  }
  return { namespace, mode, source, weakening, strict: weakening.length === 0 };
}

function describeSelector(policy: PeerAuthentication): string {
  const labels = policy.spec?.selector?.matchLabels ?? {};
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
