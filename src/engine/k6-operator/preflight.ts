// The k6-operator engine's checks against the cluster, before anything is applied, cheapest first and
// with the chaos-mesh provider's rails: kubectl present; where it acts (an allow-listed context that
// does not look like production unless --allow-production-context, or in a pod its service account);
// the TestRun CRD served (k6-operator installed); and the API server accepting all three objects
// (`kubectl apply --dry-run=server --validate=strict`, with the Secret's values redacted — a dry run
// needs its shape, not its contents). Pins kubectl to the target it checked. Runs in: Node.
import type { ContextPolicy } from '../../chaos/providers/chaos-mesh/context-guard.ts';
import { findKubeTarget, type InClusterProbe } from '../../chaos/providers/chaos-mesh/kube-target.ts';
import type { K8sManifest } from './manifests.ts';
import type { OperatorKubectl } from './operator-kubectl.ts';

export const TESTRUN_RESOURCE = 'testruns.k6.io';

/** Problems found (empty: go); `kubectl.target` is pinned when where it acts is allowed. */
export async function preflightOperator(
  kubectl: OperatorKubectl,
  objects: readonly K8sManifest[],
  policy: ContextPolicy,
  probe: InClusterProbe,
): Promise<string[]> {
  const version = await kubectl.run(['version', '--client', '-o', 'json'], { timeoutMs: 10_000 });
  if (!version.ok) return [`kubectl not usable: ${version.stderr.trim() || `exit ${version.exitCode}`}`];
  const { target, problems } = await findKubeTarget(kubectl, policy, probe);
  if (problems.length > 0 || !target) return problems;
  kubectl.target = target;
  const missing = await missingTestRunCrd(kubectl, target.kind);
  if (missing) return [missing];
  const dry = await kubectl.run(['apply', '--dry-run=server', '--validate=strict', '-o', 'name', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
  });
  if (!dry.ok) return [`the API server rejected the run's objects: ${dry.stderr.trim().slice(0, 1000)}`];
  return [];
}

/**
 * A problem when TestRuns are not served. With a context the CRD is read by name; in a pod the
 * service account cannot read cluster-scoped CRDs, so API discovery is asked instead.
 */
async function missingTestRunCrd(
  kubectl: OperatorKubectl,
  kind: 'context' | 'in-cluster',
): Promise<string | undefined> {
  const install = 'install k6-operator (README: k6-operator)';
  if (kind === 'context') {
    const crd = await kubectl.run(['get', 'crd', TESTRUN_RESOURCE, '-o', 'name']);
    return crd.ok
      ? undefined
      : `the TestRun CRD (${TESTRUN_RESOURCE}) is missing: ${crd.stderr.trim()}; ${install}`;
  }
  const discovery = await kubectl.run(['api-resources', '--api-group=k6.io', '-o', 'name']);
  if (!discovery.ok)
    return `cannot list the k6.io API resources: ${discovery.stderr.trim() || `exit ${discovery.exitCode}`}`;
  const served = discovery.stdout.split('\n').map((line) => line.trim());
  return served.includes(TESTRUN_RESOURCE)
    ? undefined
    : `the API server does not serve ${TESTRUN_RESOURCE}; ${install}`;
}
