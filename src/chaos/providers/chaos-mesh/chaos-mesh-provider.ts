// The chaos-mesh provider: applies the manifests to a real cluster with kubectl (through zx),
// behind the preflight safety rails, where preflight pinned it: a kube context, or in a pod with no
// kubeconfig the pod's service account. No live cluster is used in CI (contract tests use a fake
// kubectl). Node side.
import { ChaosError } from '../../../errors.ts';
import { describeExperiment } from '../../describe.ts';
import { actionSpecOf, type ChaosKind } from '../../kinds/types.ts';
import type { LedgerEntry } from '../../ledger.ts';
import { DELETE_STEP_TIMEOUT_MS, SELECT_TIMEOUT_MS } from '../../timeouts.ts';
import type { AppliedChaos, ApplyRequest, ChaosProvider } from '../types.ts';
import { ChaosMeshAppliedChaos } from './chaos-mesh-applied.ts';
import { deleteWithEscalation } from './delete-object.ts';
import {
  currentContext,
  describeTarget,
  inClusterNamespace,
  type InClusterProbe,
  SERVICE_ACCOUNT_NAMESPACE_FILE,
  targetFromLedger,
  targetToLedger,
} from './kube-target.ts';
import { Kubectl, type KubectlOptions } from './kubectl.ts';
import { listSelectedPods } from './pods.ts';
import { preflightChaosMesh, type PreflightPolicy, validateChaosMesh } from './preflight.ts';
import { objectRef } from './resources.ts';

export interface ChaosMeshProviderOptions extends KubectlOptions, PreflightPolicy {
  /** Max wait for the Selected condition, ms (default SELECT_TIMEOUT_MS). */
  selectTimeoutMs?: number;
  /** Per escalation step of deletion, ms (default DELETE_STEP_TIMEOUT_MS). */
  deleteStepTimeoutMs?: number;
  /** The pod's service account namespace file (default SERVICE_ACCOUNT_NAMESPACE_FILE); tests use a temp file. */
  serviceAccountNamespaceFile?: string;
}

export function createChaosMeshProvider(
  options: ChaosMeshProviderOptions = {},
): ChaosProvider & { kubectl: Kubectl } {
  const kubectl = new Kubectl(options);
  const deleteStepTimeoutMs = options.deleteStepTimeoutMs ?? DELETE_STEP_TIMEOUT_MS;
  const probe: InClusterProbe = {
    env: options.env ?? process.env,
    namespaceFile: options.serviceAccountNamespaceFile ?? SERVICE_ACCOUNT_NAMESPACE_FILE,
  };

  async function apply({ id, experiment, manifest, record }: ApplyRequest): Promise<AppliedChaos> {
    const ref = objectRef(experiment.kind, id);
    const ns = experiment.metadata.namespace;
    const podsBefore = await listSelectedPods(kubectl, actionSpecOf(experiment).spec.selector, ns);
    const applied = await kubectl.run(['apply', '--validate=strict', '-f', '-'], {
      input: JSON.stringify(manifest),
    });
    // The object may exist anyway (a timeout after the server accepted it): applyExperiment deletes it.
    if (!applied.ok) {
      throw new ChaosError(
        `kubectl apply of ${ref} failed (exit ${applied.exitCode}): ${applied.stderr.trim().slice(0, 500)}`,
      );
    }
    return new ChaosMeshAppliedChaos(id, ref, experiment, record, {
      kubectl,
      selectTimeoutMs: options.selectTimeoutMs ?? SELECT_TIMEOUT_MS,
      deleteStepTimeoutMs,
      podsBefore,
    });
  }

  /**
   * Delete the entry's object, with escalation, where it was applied — never on the current context.
   * An in-cluster entry is cleaned only from a pod of the same service account namespace (the next
   * nightly job), and only while no kubeconfig is present: kubectl would act there instead.
   */
  async function cleanLeftover(entry: LedgerEntry): Promise<string[]> {
    const recorded = entry.chaosMesh?.context;
    if (!recorded)
      throw new ChaosError(`${entry.id}: the ledger entry names no kube context; delete it by hand`);
    const target = targetFromLedger(recorded);
    const ref = objectRef(entry.kind as ChaosKind, entry.name);
    const cleaner = new Kubectl(options);
    if (target.kind === 'in-cluster') {
      const here = await inClusterNamespace(probe);
      const byHand = `delete ${ref} -n ${entry.namespace} by hand`;
      if (here !== target.namespace) {
        throw new ChaosError(
          `${entry.id}: applied ${describeTarget(target)}; clean it from a pod of that namespace (the nightly job does before each soak) or ${byHand}`,
        );
      }
      const context = await currentContext(cleaner);
      if (context) {
        throw new ChaosError(
          `${entry.id}: applied ${describeTarget(target)}, but kubectl has the current context ${context} here and would act there; remove the kubeconfig or ${byHand}`,
        );
      }
    }
    cleaner.target = target;
    const result = await deleteWithEscalation(cleaner, ref, entry.namespace, deleteStepTimeoutMs);
    return [`deleted ${ref} ${describeTarget(target)}`, ...result.escalations];
  }

  return {
    name: 'chaos-mesh',
    scalesTime: false,
    kubectl,
    validate: (experiments) => validateChaosMesh(experiments, options, probe.env),
    preflight: (experiments) => preflightChaosMesh(kubectl, experiments, options, probe),
    leftoverDetails() {
      if (!kubectl.target)
        throw new ChaosError('chaos-mesh provider: run preflight() first (it pins where kubectl acts)');
      return { chaosMesh: { context: targetToLedger(kubectl.target) } };
    },
    apply,
    cleanLeftover,
    describe: (experiment) =>
      `${describeExperiment(experiment)} with kubectl${kubectl.target ? ` ${describeTarget(kubectl.target)}` : ''}`,
  };
}
