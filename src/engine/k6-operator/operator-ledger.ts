// The k6-operator ledger: one file per run in `<results root>/k6-operator-ledger/`, written BEFORE the
// run's Secret, ConfigMap and TestRun are applied and removed once they are deleted, so whatever a
// crashed or twice-interrupted run left in the cluster (runner pods still loading the target) is
// deleted by the next run (phase 2) or `npm run chaos:clean`. It is the chaos ledger's machinery
// (atomic files, claims by rename, owners by pid and host) with its own entry type. Runs in: Node.
import path from 'node:path';
import { cleanClaimableEntries } from '../../chaos/clean-claimable.ts';
import { Ledger, type OwnedEntry } from '../../chaos/ledger.ts';
import {
  currentContext,
  describeTarget,
  inClusterNamespace,
  type InClusterProbe,
  SERVICE_ACCOUNT_NAMESPACE_FILE,
  targetFromLedger,
} from '../../chaos/providers/chaos-mesh/kube-target.ts';
import type { KubectlOptions } from '../../chaos/providers/chaos-mesh/kubectl.ts';
import { EngineError } from '../../errors.ts';
import { deleteRunObjects } from './delete-run-objects.ts';
import { OperatorKubectl } from './operator-kubectl.ts';

export interface OperatorLedgerEntry extends OwnedEntry {
  readonly kind: 'k6-operator-run';
  /** The name the TestRun, ConfigMap and Secret share. */
  readonly name: string;
  readonly namespace: string;
  /** Where kubectl acted: a context name or `in-cluster:<namespace>` (kube-target.ts). */
  readonly kubeTarget: string;
}

export function operatorLedgerDir(resultsRoot: string): string {
  return path.join(resultsRoot, 'k6-operator-ledger');
}

export function openOperatorLedger(
  resultsRoot: string,
  log?: (line: string) => void,
): Ledger<OperatorLedgerEntry> {
  return new Ledger<OperatorLedgerEntry>(operatorLedgerDir(resultsRoot), {
    ...(log ? { log } : {}),
    isEntry: (value) =>
      value.kind === 'k6-operator-run' &&
      typeof value.name === 'string' &&
      typeof value.namespace === 'string' &&
      typeof value.kubeTarget === 'string',
  });
}

export interface OperatorCleanOptions {
  readonly resultsRoot: string;
  /** Also clean entries whose owner still runs (default false). */
  readonly includeLive?: boolean;
  readonly kubectl?: KubectlOptions;
  /** The pod's service account namespace file (tests use a temp file). */
  readonly serviceAccountNamespaceFile?: string;
  readonly log?: (line: string) => void;
}

export interface OperatorCleanReport {
  cleaned: string[];
  skipped: { id: string; reason: string }[];
  failed: { id: string; error: string }[];
}

/** Delete what every dead owner's entry records, each claimed first so two cleaners never race. */
export async function cleanOperatorLeftovers(options: OperatorCleanOptions): Promise<OperatorCleanReport> {
  const log = options.log ?? (() => undefined);
  const ledger = openOperatorLedger(options.resultsRoot, log);
  return cleanClaimableEntries(
    ledger,
    { includeLive: options.includeLive, log },
    {
      clean: async (entry) => {
        const where = await kubectlFor(entry, options);
        await deleteRunObjects(where.kubectl, entry.namespace, entry.name);
        const line = `deleted k6-operator run ${entry.namespace}/${entry.name} (run ${entry.runId}) ${where.described}`;
        return { cleaned: entry.id, line };
      },
      failedLine: (entry, message) =>
        `FAILED to delete k6-operator run ${entry.namespace}/${entry.name}: ${message}`,
    },
  );
}

/**
 * kubectl pinned where the entry's objects were applied, never the current context. An in-cluster
 * entry is cleaned only from a pod of the same service account namespace with no kubeconfig (kubectl
 * would act on that instead).
 */
async function kubectlFor(
  entry: OperatorLedgerEntry,
  options: OperatorCleanOptions,
): Promise<{ kubectl: OperatorKubectl; described: string }> {
  const target = targetFromLedger(entry.kubeTarget);
  const kubectl = new OperatorKubectl(options.kubectl);
  const byHand = `delete testruns.k6.io/${entry.name}, configmap/${entry.name} and secret/${entry.name} in ${entry.namespace} by hand`;
  if (target.kind === 'in-cluster') {
    const probe: InClusterProbe = {
      env: options.kubectl?.env ?? process.env,
      namespaceFile: options.serviceAccountNamespaceFile ?? SERVICE_ACCOUNT_NAMESPACE_FILE,
    };
    if ((await inClusterNamespace(probe)) !== target.namespace)
      throw new EngineError(
        `${entry.id}: applied ${describeTarget(target)}; clean it from a pod there or ${byHand}`,
      );
    const context = await currentContext(kubectl);
    if (context)
      throw new EngineError(
        `${entry.id}: applied ${describeTarget(target)}, but kubectl has the current context ${context} here; ${byHand}`,
      );
  }
  kubectl.target = target;
  return { kubectl, described: describeTarget(target) };
}
