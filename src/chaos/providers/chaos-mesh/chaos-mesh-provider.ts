// The chaos-mesh provider: applies the manifests to a real cluster with kubectl (through zx),
// behind the preflight safety rails, with a unique name and run labels per apply and a ledger
// entry written before every apply. No live cluster is used in CI (contract tests use a fake
// kubectl). Node side.
import { ChaosError } from '../../../errors.ts';
import { actionSpecOf, type Experiment } from '../../kinds/types.ts';
import { Ledger } from '../../ledger.ts';
import { runLabels, uniqueName } from '../../names.ts';
import { emptyRecord } from '../../record.ts';
import { toManifest } from '../../serialize.ts';
import { parseDurationMs } from '../../duration.ts';
import type { AppliedChaos, ApplyContext, ChaosProvider } from '../types.ts';
import { ChaosMeshAppliedChaos } from './chaos-mesh-applied.ts';
import { Kubectl, type KubectlOptions } from './kubectl.ts';
import { listSelectedPods } from './pods.ts';
import { preflightChaosMesh, type PreflightPolicy } from './preflight.ts';
import { objectRef } from './resources.ts';

export interface ChaosMeshProviderOptions extends KubectlOptions, PreflightPolicy {
  ledgerPath: string;
  /** Max wait for the Selected condition, ms (default 30 000). */
  selectTimeoutMs?: number;
  /** Per escalation step of deletion, ms (default 60 000). */
  deleteStepTimeoutMs?: number;
}

export function createChaosMeshProvider(
  options: ChaosMeshProviderOptions,
): ChaosProvider & { kubectl: Kubectl } {
  const kubectl = new Kubectl(options);
  const ledger = new Ledger(options.ledgerPath);

  async function apply(experiment: Experiment, ctx: ApplyContext): Promise<AppliedChaos> {
    if (!kubectl.context)
      throw new ChaosError('chaos-mesh provider: run preflight() first (it pins the kubectl context)');
    const id = uniqueName(experiment.metadata.name, experiment.kind === 'Schedule' ? 57 : 63);
    const ref = objectRef(experiment.kind, id);
    const ns = experiment.metadata.namespace;
    const manifest = toManifest(experiment, { name: id, labels: runLabels(ctx.runId) });
    const action = actionSpecOf(experiment);
    const podsBefore = await listSelectedPods(kubectl, action.spec.selector, ns);
    await ledger.add({
      id,
      runId: ctx.runId,
      provider: 'chaos-mesh',
      kind: experiment.kind,
      name: id,
      namespace: ns,
      manifest,
      chaosMesh: { context: kubectl.context },
    });
    const applied = await kubectl.run(['apply', '--validate=strict', '-f', '-'], {
      input: JSON.stringify(manifest),
    });
    if (!applied.ok) {
      // The object may exist anyway (e.g. a timeout after the server accepted it): delete to be sure.
      const undo = await kubectl.run([
        'delete',
        ref,
        '-n',
        ns,
        '--ignore-not-found',
        '--wait=true',
        '--timeout=30s',
      ]);
      if (undo.ok) await ledger.remove(id);
      throw new ChaosError(
        `kubectl apply of ${ref} failed (exit ${applied.exitCode}): ${applied.stderr.trim().slice(0, 500)}`,
      );
    }
    const record = emptyRecord({
      id,
      provider: 'chaos-mesh',
      runId: ctx.runId,
      kind: experiment.kind,
      name: experiment.metadata.name,
      appliedName: id,
      namespace: ns,
      ...(experiment.source ? { file: experiment.source.file } : {}),
      action: action.kind === 'HTTPChaos' ? (action.spec.abort ? 'abort' : 'http') : action.spec.action,
      mode: action.spec.mode,
      ...(action.spec.value ? { value: action.spec.value } : {}),
      timeScale: 1,
    });
    const nominal = action.spec.duration ? parseDurationMs(action.spec.duration) : undefined;
    if (nominal !== undefined) record.duration = { nominalMs: nominal, appliedMs: nominal };
    if ((ctx.timeScale ?? 1) !== 1)
      record.warnings.push('timeScale is not applied on a real cluster: manifests run as written');
    return new ChaosMeshAppliedChaos(id, ref, experiment, record, {
      kubectl,
      ledger,
      selectTimeoutMs: options.selectTimeoutMs ?? 30_000,
      deleteStepTimeoutMs: options.deleteStepTimeoutMs ?? 60_000,
      podsBefore,
    });
  }

  return {
    name: 'chaos-mesh',
    kubectl,
    preflight: (experiments) => preflightChaosMesh(kubectl, experiments, options),
    apply,
  };
}
