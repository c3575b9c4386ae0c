// The provider interface the run orchestration drives: preflight every experiment, then per
// experiment apply → waitInjected → observe → recover → verifyRecovered. Two providers implement
// it: `local` (the embedded target's admin API) and `chaos-mesh` (kubectl). Node side; types only.
import type { Experiment } from '../kinds/types.ts';
import type { ChaosRecord } from '../record.ts';

export type ProviderName = 'local' | 'chaos-mesh';

export interface ApplyContext {
  /** Run id; becomes part of object names and the run-id label. */
  runId: string;
  /** 0 < timeScale ≤ 1 (LOAD_SCALE): multiplies durations and Schedule intervals (local provider). */
  timeScale?: number;
}

/** What the experiment looks like right now. */
export interface ChaosObservation {
  /** e.g. local: injected | recovering | recovered; chaos-mesh: the condition list. */
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

export interface AppliedChaos {
  /** Unique per run; the ledger id. */
  readonly id: string;
  readonly experiment: Experiment;
  /** Resolves once the fault is active (Schedule: once it is armed); rejects with ChaosError on timeout. */
  waitInjected(timeoutMs: number): Promise<void>;
  observe(): Promise<ChaosObservation>;
  /** Undo the fault (delete the object / revert gateway faults / stop a Schedule). Idempotent. */
  recover(): Promise<void>;
  /** Wait until every selected target is Ready again; removes the ledger entry when it is. */
  verifyRecovered(timeoutMs: number): Promise<RecoveryReport>;
  /** Snapshot of the JSON-serialisable result so far. */
  record(): ChaosRecord;
}

export interface ChaosProvider {
  readonly name: ProviderName;
  /** Every problem that would stop the experiments from running (empty = go). */
  preflight(experiments: readonly Experiment[]): Promise<string[]>;
  /** Records the experiment in the ledger, then applies it. */
  apply(experiment: Experiment, ctx: ApplyContext): Promise<AppliedChaos>;
}
