// The local chaos provider: carries out Chaos Mesh manifests on the embedded target through its
// admin API (pod-kill/pod-failure/container-kill on replica processes, NetworkChaos delay and
// HTTPChaos abort/delay as gateway faults, Schedules on a scaled timer). The target may be attached
// after the provider is made (a load run starts it after validation). Node side.
import { ChaosError } from '../../../errors.ts';
import { describeExperiment } from '../../describe.ts';
import { actionSpecOf, type Experiment } from '../../kinds/types.ts';
import type { LedgerEntry } from '../../ledger.ts';
import { LOCAL_CLEAN_REQUEST_TIMEOUT_MS } from '../../timeouts.ts';
import type { AppliedChaos, ApplyRequest, ChaosProvider } from '../types.ts';
import { AdminClient } from './admin-client.ts';
import { LocalAppliedChaos } from './local-applied.ts';
import { unsupportedFaultParts } from './plan-faults.ts';
import { revertLocalEntry } from './revert-entry.ts';
import { selectReplicas, unsupportedSelectorParts } from './select-replicas.ts';

export interface LocalProviderOptions {
  /** Admin API of the embedded target, e.g. http://127.0.0.1:8090 (loopback only); or attachTarget() later. */
  adminUrl?: string;
  /** 0..1 source of randomness for mode picks (tests inject a fixed one). */
  random?: () => number;
  /** Poll interval of verifyRecovered, ms (default 100). */
  pollIntervalMs?: number;
  /** Per admin call timeout, ms (default ADMIN_CALL_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /** Upper bound of Schedule firings per apply (default 1000). */
  maxScheduleFires?: number;
}

export type LocalProvider = ChaosProvider & {
  /** The embedded target to act on (its admin API URL). */
  attachTarget(adminUrl: string): void;
};

export function createLocalProvider(options: LocalProviderOptions = {}): LocalProvider {
  let client = options.adminUrl ? new AdminClient(options.adminUrl, options.requestTimeoutMs) : undefined;
  const random = options.random ?? Math.random;
  const requireClient = (): AdminClient => {
    if (!client) throw new ChaosError('local chaos provider: no embedded target attached');
    return client;
  };
  // Gateway faults are named after the ledger id, so a cleaner in another process can find them.
  const faultIdPrefix = (id: string) => `chaos-${id}`;

  function validate(experiments: readonly Experiment[]): string[] {
    const problems: string[] = [];
    for (const experiment of experiments) {
      const label = experiment.source?.file ?? experiment.metadata.name;
      const action = actionSpecOf(experiment);
      if (action.kind !== 'PodChaos') {
        for (const p of unsupportedFaultParts(action.kind, action.spec))
          problems.push(`${label}: not supported locally: ${p}`);
      }
      for (const t of targetingsOf(experiment)) {
        const unsupported = unsupportedSelectorParts(t.selector);
        if (unsupported.length)
          problems.push(
            `${label}: selector uses ${unsupported.join(', ')}, which the local target cannot match`,
          );
      }
    }
    return problems;
  }

  async function preflight(experiments: readonly Experiment[]): Promise<string[]> {
    const admin = requireClient();
    const problems = validate(experiments);
    const replicas = await admin.replicas().catch((error: Error) => {
      problems.push(`embedded target admin API unreachable at ${admin.adminUrl}: ${error.message}`);
      return undefined;
    });
    if (!replicas) return problems;
    for (const experiment of experiments) {
      const label = experiment.source?.file ?? experiment.metadata.name;
      for (const t of targetingsOf(experiment)) {
        const ready = selectReplicas({ ...t, mode: 'all' }, replicas).matched.filter(
          (r) => r.state === 'ready',
        );
        if (ready.length === 0)
          problems.push(`${label}: selector matches no ready replica on the embedded target`);
      }
    }
    return problems;
  }

  async function apply({ id, experiment, record, timeScale }: ApplyRequest): Promise<AppliedChaos> {
    const applied = new LocalAppliedChaos(id, experiment, record, {
      client: requireClient(),
      random,
      timeScale,
      pollIntervalMs: options.pollIntervalMs ?? 100,
      maxScheduleFires: options.maxScheduleFires ?? 1000,
      faultIdPrefix: faultIdPrefix(id),
    });
    try {
      await applied.start();
    } catch (error) {
      // Stop its timers; applyExperiment then reverts what reached the target, as chaos:clean would.
      await applied.recover().catch(() => undefined);
      throw error;
    }
    return applied;
  }

  return {
    name: 'local',
    scalesTime: true,
    validate,
    preflight,
    leftoverDetails: (id) => ({
      local: { adminUrl: requireClient().adminUrl, faultIdPrefix: faultIdPrefix(id) },
    }),
    apply,
    // The entry names its own target: a cleaner needs no attached one.
    cleanLeftover: (entry: LedgerEntry) => revertLocalEntry(entry, LOCAL_CLEAN_REQUEST_TIMEOUT_MS),
    describe: (experiment) =>
      `${describeExperiment(experiment)} on the embedded target${client ? ` (${client.adminUrl})` : ''}`,
    attachTarget(adminUrl: string) {
      client = new AdminClient(adminUrl, options.requestTimeoutMs);
    },
  };
}

function targetingsOf(experiment: Experiment) {
  const action = actionSpecOf(experiment);
  return [action.spec, ...(action.kind === 'NetworkChaos' && action.spec.target ? [action.spec.target] : [])];
}
