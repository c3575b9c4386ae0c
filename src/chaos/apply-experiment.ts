// Applies one experiment with any provider, the bookkeeping written once for both: a unique name and
// run labels, the ledger entry on disk BEFORE the provider acts, the ChaosRecord, the undo of a failed
// apply through the provider's own cleaner, and the entry dropped only after verified recovery.
// Node side.
import { ChaosError, ConfigError } from '../errors.ts';
import { actionOf } from './describe.ts';
import { parseDurationMs } from '../vu/duration.ts';
import { actionSpecOf, type Experiment } from './kinds/types.ts';
import type { Ledger } from './ledger.ts';
import { runLabels, uniqueName } from './names.ts';
import { type ChaosRecord, emptyRecord } from './record.ts';
import { toManifest } from './serialize.ts';
import type {
  AppliedChaos,
  ApplyContext,
  ChaosObservation,
  ChaosProvider,
  RecoveryReport,
} from './providers/types.ts';

export async function applyExperiment(
  provider: ChaosProvider,
  ledger: Ledger,
  experiment: Experiment,
  ctx: ApplyContext,
): Promise<AppliedChaos> {
  const requested = ctx.timeScale ?? 1;
  if (!(requested > 0 && requested <= 1)) {
    throw new ConfigError('invalid timeScale', [`timeScale: must be 0 < s ≤ 1 (got ${requested})`]);
  }
  // Schedules name the objects they create `<name>-<suffix>`: leave room for it within 63.
  const id = uniqueName(experiment.metadata.name, experiment.kind === 'Schedule' ? 57 : 63);
  const manifest = toManifest(experiment, { name: id, labels: runLabels(ctx.runId) });
  // Asked first: it throws when the provider cannot act yet, and then nothing is written.
  const details = provider.leftoverDetails(id);
  const entry = await ledger.add({
    id,
    runId: ctx.runId,
    provider: provider.name,
    kind: experiment.kind,
    name: id,
    namespace: experiment.metadata.namespace,
    manifest,
    ...details,
  });
  const timeScale = provider.scalesTime ? requested : 1;
  const record = newRecord(provider, experiment, id, ctx.runId, timeScale);
  if (timeScale !== requested)
    record.warnings.push(
      `timeScale ${requested} is not applied by the ${provider.name} provider: manifests run as written`,
    );
  try {
    const applied = await provider.apply({ id, experiment, manifest, record, timeScale });
    return new LedgeredChaos(applied, ledger);
  } catch (error) {
    // Part of it may be in effect (a fault added before a later call failed, an apply that timed out
    // after the server took it): undo it as chaos:clean would; if that fails too the entry stays.
    const undo = await provider.cleanLeftover(entry).then(
      () => undefined,
      (undoError: Error) => undoError.message,
    );
    if (undo === undefined) await ledger.remove(id);
    else
      throw new ChaosError(`${(error as Error).message}; undo failed too (${undo}): run npm run chaos:clean`);
    throw error;
  }
}

function newRecord(
  provider: ChaosProvider,
  experiment: Experiment,
  id: string,
  runId: string,
  timeScale: number,
): ChaosRecord {
  const action = actionSpecOf(experiment);
  const record = emptyRecord({
    id,
    provider: provider.name,
    runId,
    kind: experiment.kind,
    name: experiment.metadata.name,
    appliedName: id,
    namespace: experiment.metadata.namespace,
    ...(experiment.source ? { file: experiment.source.file } : {}),
    action: actionOf(action),
    mode: action.spec.mode,
    ...(action.spec.value ? { value: action.spec.value } : {}),
    timeScale,
  });
  const nominal = action.spec.duration ? parseDurationMs(action.spec.duration) : undefined;
  if (nominal !== undefined)
    record.duration = { nominalMs: nominal, appliedMs: Math.max(1, Math.round(nominal * timeScale)) };
  return record;
}

/** The provider's handle, plus the ledger: the entry goes once recovery is verified. */
class LedgeredChaos implements AppliedChaos {
  readonly id: string;
  readonly experiment: Experiment;
  private readonly inner: AppliedChaos;
  private readonly ledger: Ledger;

  constructor(inner: AppliedChaos, ledger: Ledger) {
    this.inner = inner;
    this.ledger = ledger;
    this.id = inner.id;
    this.experiment = inner.experiment;
  }

  verifyInjected(timeoutMs: number): Promise<void> {
    return this.inner.verifyInjected(timeoutMs);
  }

  observe(): Promise<ChaosObservation> {
    return this.inner.observe();
  }

  recover(): Promise<void> {
    return this.inner.recover();
  }

  async verifyRecovered(timeoutMs: number): Promise<RecoveryReport> {
    const report = await this.inner.verifyRecovered(timeoutMs);
    if (report.recovered) await this.ledger.remove(this.id);
    return report;
  }

  record(): ChaosRecord {
    return this.inner.record();
  }
}
