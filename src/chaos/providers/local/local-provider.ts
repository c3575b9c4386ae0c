// The local chaos provider: carries out Chaos Mesh manifests on the embedded target through its
// admin API (pod-kill/pod-failure/container-kill on replica processes, NetworkChaos delay and
// HTTPChaos abort as gateway faults, Schedules on a scaled timer). Node side.
import { ConfigError } from '../../../errors.ts';
import { actionSpecOf, type Experiment } from '../../kinds/types.ts';
import { Ledger } from '../../ledger.ts';
import { uniqueName, runLabels } from '../../names.ts';
import { emptyRecord } from '../../record.ts';
import { toManifest } from '../../serialize.ts';
import { parseDurationMs } from '../../duration.ts';
import type { AppliedChaos, ApplyContext, ChaosProvider } from '../types.ts';
import { AdminClient } from './admin-client.ts';
import { LocalAppliedChaos } from './local-applied.ts';
import { unsupportedFaultParts } from './plan-faults.ts';
import { selectReplicas, unsupportedSelectorParts } from './select-replicas.ts';

export interface LocalProviderOptions {
  /** Admin API of the embedded target, e.g. http://127.0.0.1:8090 (loopback only). */
  adminUrl: string;
  /** NDJSON ledger, e.g. results/chaos-ledger.ndjson. */
  ledgerPath: string;
  /** 0..1 source of randomness for mode picks (tests inject a fixed one). */
  random?: () => number;
  /** Poll interval of verifyRecovered, ms (default 100). */
  pollIntervalMs?: number;
  /** Per admin call timeout, ms (default 5000). */
  requestTimeoutMs?: number;
  /** Upper bound of Schedule firings per apply (default 1000). */
  maxScheduleFires?: number;
}

export function createLocalProvider(options: LocalProviderOptions): ChaosProvider {
  const client = new AdminClient(options.adminUrl, options.requestTimeoutMs);
  const ledger = new Ledger(options.ledgerPath);
  const random = options.random ?? Math.random;

  async function preflight(experiments: readonly Experiment[]): Promise<string[]> {
    const problems: string[] = [];
    const replicas = await client.replicas().catch((error: Error) => {
      problems.push(`embedded target admin API unreachable at ${options.adminUrl}: ${error.message}`);
      return undefined;
    });
    if (!replicas) return problems;
    for (const experiment of experiments) {
      const label = `${experiment.source?.file ?? experiment.metadata.name}`;
      const action = actionSpecOf(experiment);
      if (action.kind !== 'PodChaos') {
        problems.push(
          ...unsupportedFaultParts(action.kind, action.spec).map(
            (p) => `${label}: not supported locally: ${p}`,
          ),
        );
      }
      const targetings = [
        action.spec,
        ...(action.kind === 'NetworkChaos' && action.spec.target ? [action.spec.target] : []),
      ];
      for (const t of targetings) {
        const unsupported = unsupportedSelectorParts(t.selector);
        if (unsupported.length)
          problems.push(
            `${label}: selector uses ${unsupported.join(', ')}, which the local target cannot match`,
          );
        const ready = selectReplicas({ ...t, mode: 'all' }, replicas).matched.filter(
          (r) => r.state === 'ready',
        );
        if (ready.length === 0)
          problems.push(`${label}: selector matches no ready replica on the embedded target`);
      }
    }
    return problems;
  }

  async function apply(experiment: Experiment, ctx: ApplyContext): Promise<AppliedChaos> {
    const timeScale = ctx.timeScale ?? 1;
    if (!(timeScale > 0 && timeScale <= 1)) {
      throw new ConfigError('invalid timeScale', [`timeScale: must be 0 < s ≤ 1 (got ${timeScale})`]);
    }
    const maxLength = experiment.kind === 'Schedule' ? 57 : 63;
    const id = uniqueName(experiment.metadata.name, maxLength);
    const faultIdPrefix = `chaos-${id}`;
    const manifest = toManifest(experiment, { name: id, labels: runLabels(ctx.runId) });
    await ledger.add({
      id,
      runId: ctx.runId,
      provider: 'local',
      kind: experiment.kind,
      name: id,
      namespace: experiment.metadata.namespace,
      manifest,
      local: { adminUrl: client.adminUrl, faultIdPrefix },
    });
    const action = actionSpecOf(experiment);
    const record = emptyRecord({
      id,
      provider: 'local',
      runId: ctx.runId,
      kind: experiment.kind,
      name: experiment.metadata.name,
      appliedName: id,
      namespace: experiment.metadata.namespace,
      ...(experiment.source ? { file: experiment.source.file } : {}),
      action: action.kind === 'HTTPChaos' ? (action.spec.abort ? 'abort' : 'delay') : action.spec.action,
      mode: action.spec.mode,
      ...(action.spec.value ? { value: action.spec.value } : {}),
      timeScale,
    });
    const nominal = action.spec.duration ? parseDurationMs(action.spec.duration) : undefined;
    if (nominal !== undefined)
      record.duration = { nominalMs: nominal, appliedMs: Math.max(1, Math.round(nominal * timeScale)) };
    const applied = new LocalAppliedChaos(id, experiment, record, {
      client,
      ledger,
      random,
      timeScale,
      pollIntervalMs: options.pollIntervalMs ?? 100,
      maxScheduleFires: options.maxScheduleFires ?? 1000,
      faultIdPrefix,
    });
    try {
      await applied.start();
    } catch (error) {
      // Undo whatever part was injected; the ledger entry stays for chaos:clean if this fails too.
      await applied.recover().catch(() => undefined);
      throw error;
    }
    return applied;
  }

  return { name: 'local', preflight, apply };
}
