// The one contract of a chaos provider. Two providers implement all of it: `local` (the embedded
// target's admin API) and `chaos-mesh` (kubectl). The lifecycle of one experiment is
//   validate → preflight → apply → verifyInjected → (hold) → recover → verifyRecovered
// and cleanLeftover undoes what a crashed run left. The ledger bookkeeping around apply (entry
// written before, removed after verified recovery, undo when apply fails) is not the providers'
// job: applyExperiment (src/chaos/apply-experiment.ts) does it once for both. Node side; types only.
import type { Experiment } from '../kinds/types.ts';
import type { LedgerEntry } from '../ledger.ts';
import type { ChaosRecord } from '../record.ts';

export type ProviderName = 'local' | 'chaos-mesh';

export interface ApplyContext {
  /** Run id; becomes part of object names and the run-id label. */
  runId: string;
  /** 0 < timeScale ≤ 1 (LOAD_SCALE): multiplies durations and Schedule intervals where the provider scales time. */
  timeScale?: number;
}

/** What applyExperiment hands a provider's apply; the ledger entry for it is already on disk. */
export interface ApplyRequest {
  /** Unique applied name, also the ledger id. */
  readonly id: string;
  readonly experiment: Experiment;
  /** The manifest as applied: renamed to `id`, labelled with the run. */
  readonly manifest: Record<string, unknown>;
  /** The result being recorded; the provider fills in what happens (selected, events, warnings…). */
  readonly record: ChaosRecord;
  /** The scale the provider applies: the run's when `scalesTime`, else 1. */
  readonly timeScale: number;
}

export interface ChaosProvider {
  readonly name: ProviderName;
  /** Whether durations and Schedule intervals are multiplied by the run's time scale (LOAD_SCALE). */
  readonly scalesTime: boolean;
  /** Manifest checks specific to this provider (what it cannot carry out); no I/O. Empty = fine. */
  validate(experiments: readonly Experiment[]): string[];
  /** validate's checks plus live ones before anything is applied (target reachable, context allowed, selectors match). */
  preflight(experiments: readonly Experiment[]): Promise<string[]>;
  /** What the ledger entry of `id` must hold so cleanLeftover can undo the apply from another process. */
  leftoverDetails(id: string): Pick<LedgerEntry, 'local' | 'chaosMesh'>;
  /** Carry the experiment out. When it throws, applyExperiment undoes it with cleanLeftover. */
  apply(request: ApplyRequest): Promise<AppliedChaos>;
  /** Undo whatever a ledger entry records, this provider's way; idempotent. Returns notes of what it did. */
  cleanLeftover(entry: LedgerEntry): Promise<string[]>;
  /** One line for humans: what the experiment does, to which targets, and where this provider acts. */
  describe(experiment: Experiment): string;
}

/** What the experiment looks like right now. */
export interface ChaosObservation {
  /** e.g. local: injected | recovering | recovered; chaos-mesh: from the conditions. */
  phase: 'pending' | 'injected' | 'recovering' | 'recovered' | 'failed';
  /** Condition name → status (chaos-mesh) or local flags. */
  conditions: Record<string, boolean>;
  record: ChaosRecord;
}

export interface RecoveryReport {
  recovered: boolean;
  /** ms from the (last) injection to every target Ready again; absent when not recovered. */
  recoveryMs?: number;
  /** Targets still not Ready at the timeout. */
  notReady: string[];
}

/** One applied experiment. */
export interface AppliedChaos {
  /** Unique per run; the ledger id. */
  readonly id: string;
  readonly experiment: Experiment;
  /** Resolves once the fault is active (Schedule: once it is armed); rejects with ChaosError on timeout. */
  verifyInjected(timeoutMs: number): Promise<void>;
  observe(): Promise<ChaosObservation>;
  /** Undo the fault (delete the object / revert gateway faults / stop a Schedule). Idempotent. */
  recover(): Promise<void>;
  /** Wait until every selected target is Ready again (applyExperiment then drops the ledger entry). */
  verifyRecovered(timeoutMs: number): Promise<RecoveryReport>;
  /** Snapshot of the JSON-serialisable result so far. */
  record(): ChaosRecord;
}
