// The JSON-serialisable result of one applied experiment (written by the orchestrator into
// results/<runId>/chaos.json): what was selected, when it was injected and recovered, the
// Chaos Mesh events, cleanup escalations and warnings. Node side; types + a small factory.
import type { ChaosKind } from './kinds/types.ts';

/** One Apply/Recover event (from Chaos Mesh containerRecords, or from the local provider). */
export interface ChaosEvent {
  /** `<ns>/<pod>[/<container>]` or a local replica name. */
  target: string;
  operation: 'Apply' | 'Recover';
  type: 'Succeeded' | 'Failed';
  /** ISO-8601 time. */
  at: string;
  message?: string;
}

/** A nominal value from the manifest and the one actually used after LOAD_SCALE (timeScale). */
export interface ScaledMs {
  nominalMs: number;
  appliedMs: number;
}

export interface ChaosRecord {
  /** Unique per run: the applied object name (chaos-mesh) or ledger id (local). */
  id: string;
  provider: 'local' | 'chaos-mesh';
  runId: string;
  kind: ChaosKind;
  /** metadata.name in the manifest; `appliedName` is the per-run unique name. */
  name: string;
  appliedName: string;
  namespace: string;
  file?: string;
  action: string;
  mode: string;
  value?: string;
  /** 0 < timeScale ≤ 1. */
  timeScale: number;
  duration?: ScaledMs;
  /** Schedule interval (next-fire gap) for `@every`; for field crons, the first gap. */
  interval?: ScaledMs;
  /** Pods / replicas the experiment acted on (all fires of a Schedule). */
  selected: string[];
  /** Number of times the action ran (1, or the Schedule fires). */
  fires: number;
  injectedAt?: string;
  recoveredAt?: string;
  /** recoveredAt − injectedAt of the last fire, ms. */
  recoveryMs?: number;
  recovered: boolean;
  /** Targets that were not Ready again within the verify timeout. */
  notReady: string[];
  events: ChaosEvent[];
  /** Cleanup steps beyond a plain delete (force annotation, finalizer patch), in order. */
  escalations: string[];
  warnings: string[];
}

export function emptyRecord(
  init: Omit<
    ChaosRecord,
    'selected' | 'fires' | 'recovered' | 'notReady' | 'events' | 'escalations' | 'warnings'
  >,
): ChaosRecord {
  return {
    ...init,
    selected: [],
    fires: 0,
    recovered: false,
    notReady: [],
    events: [],
    escalations: [],
    warnings: [],
  };
}
