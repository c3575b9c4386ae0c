// Reads a Chaos Mesh object's status (`kubectl get -o json`): conditions (Selected, AllInjected,
// AllRecovered, Paused), desiredPhase, and containerRecords with their Apply/Recover events — the
// authoritative injection and recovery times. Node side; pure.
import type { ChaosEvent } from '../../record.ts';

export interface ChaosStatus {
  conditions: Record<string, boolean>;
  desiredPhase?: string;
  /** `<ns>/<pod>[/<container>]` of each record. */
  targets: string[];
  events: ChaosEvent[];
  /** Schedule only: names of the chaos objects it has running. */
  active: string[];
}

interface StatusJson {
  status?: {
    conditions?: { type: string; status: string }[];
    experiment?: {
      desiredPhase?: string;
      containerRecords?: {
        id: string;
        phase?: string;
        events?: { type: string; operation: string; message?: string; timestamp: string }[];
      }[];
    };
    active?: { name?: string }[];
  };
}

export function parseStatus(json: string): ChaosStatus {
  const doc = JSON.parse(json) as StatusJson;
  const status = doc.status ?? {};
  const conditions: Record<string, boolean> = {};
  for (const c of status.conditions ?? []) conditions[c.type] = c.status === 'True';
  const records = status.experiment?.containerRecords ?? [];
  const events: ChaosEvent[] = [];
  for (const record of records) {
    for (const e of record.events ?? []) {
      const event: ChaosEvent = {
        target: record.id,
        operation: e.operation === 'Recover' ? 'Recover' : 'Apply',
        type: e.type === 'Failed' ? 'Failed' : 'Succeeded',
        at: e.timestamp,
      };
      if (e.message) event.message = e.message;
      events.push(event);
    }
  }
  const out: ChaosStatus = {
    conditions,
    targets: records.map((r) => r.id),
    events,
    active: (status.active ?? []).map((a) => a.name ?? '').filter(Boolean),
  };
  if (status.experiment?.desiredPhase) out.desiredPhase = status.experiment.desiredPhase;
  return out;
}

/** Earliest successful event time of an operation, ISO. */
export function firstEvent(
  events: readonly ChaosEvent[],
  operation: ChaosEvent['operation'],
): string | undefined {
  return events
    .filter((e) => e.operation === operation && e.type === 'Succeeded')
    .map((e) => e.at)
    .sort()[0];
}
