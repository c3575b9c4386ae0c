// The chaos-mesh provider: applies the manifests to a real cluster with kubectl (through zx),
// behind the preflight safety rails, on the kube context preflight pinned. No live cluster is used
// in CI (contract tests use a fake kubectl). Node side.
import { ChaosError } from '../../../errors.ts';
import { describeExperiment } from '../../describe.ts';
import { actionSpecOf, type ChaosKind } from '../../kinds/types.ts';
import type { LedgerEntry } from '../../ledger.ts';
import { DELETE_STEP_TIMEOUT_MS, SELECT_TIMEOUT_MS } from '../../timeouts.ts';
import type { AppliedChaos, ApplyRequest, ChaosProvider } from '../types.ts';
import { ChaosMeshAppliedChaos } from './chaos-mesh-applied.ts';
import { deleteWithEscalation } from './delete-object.ts';
import { Kubectl, type KubectlOptions } from './kubectl.ts';
import { listSelectedPods } from './pods.ts';
import { preflightChaosMesh, type PreflightPolicy, validateChaosMesh } from './preflight.ts';
import { objectRef } from './resources.ts';

export interface ChaosMeshProviderOptions extends KubectlOptions, PreflightPolicy {
  /** Max wait for the Selected condition, ms (default SELECT_TIMEOUT_MS). */
  selectTimeoutMs?: number;
  /** Per escalation step of deletion, ms (default DELETE_STEP_TIMEOUT_MS). */
  deleteStepTimeoutMs?: number;
}

export function createChaosMeshProvider(
  options: ChaosMeshProviderOptions = {},
): ChaosProvider & { kubectl: Kubectl } {
  const kubectl = new Kubectl(options);
  const deleteStepTimeoutMs = options.deleteStepTimeoutMs ?? DELETE_STEP_TIMEOUT_MS;

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

  /** Delete the entry's object, with escalation, on the context it was applied to — never the current one. */
  async function cleanLeftover(entry: LedgerEntry): Promise<string[]> {
    const context = entry.chaosMesh?.context;
    if (!context)
      throw new ChaosError(`${entry.id}: the ledger entry names no kube context; delete it by hand`);
    const cleaner = new Kubectl(options);
    cleaner.context = context;
    const ref = objectRef(entry.kind as ChaosKind, entry.name);
    const result = await deleteWithEscalation(cleaner, ref, entry.namespace, deleteStepTimeoutMs);
    return [`deleted ${ref} on context ${context}`, ...result.escalations];
  }

  return {
    name: 'chaos-mesh',
    scalesTime: false,
    kubectl,
    validate: (experiments) => validateChaosMesh(experiments, options),
    preflight: (experiments) => preflightChaosMesh(kubectl, experiments, options),
    leftoverDetails() {
      if (!kubectl.context)
        throw new ChaosError('chaos-mesh provider: run preflight() first (it pins the kubectl context)');
      return { chaosMesh: { context: kubectl.context } };
    },
    apply,
    cleanLeftover,
    describe: (experiment) =>
      `${describeExperiment(experiment)} with kubectl${kubectl.context ? ` on context ${kubectl.context}` : ''}`,
  };
}
