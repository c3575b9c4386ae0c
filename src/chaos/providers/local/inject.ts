// One firing of an experiment on the embedded target: select replicas, then kill / fail /
// restart them (PodChaos) or add gateway faults (NetworkChaos, HTTPChaos). Returns what it did
// so the caller can record, time and undo it. Node side.
import { parseDurationMs } from '../../../vu/duration.ts';
import type { ActionSpec } from '../../kinds/types.ts';
import type { ChaosEvent } from '../../record.ts';
import type { AdminClient, GatewayFault, ReplicaInfo } from './admin-client.ts';
import { planHttpFault, planNetworkDelay } from './plan-faults.ts';
import { selectReplicas } from './select-replicas.ts';

export interface Injection {
  at: number;
  selected: ReplicaInfo[];
  /** Gateway fault ids added (NetworkChaos / HTTPChaos). */
  faultIds: string[];
  /** Replicas put into `failed` (pod-failure). */
  failed: string[];
  /** Applied (scaled) fault duration in ms, when the spec has one. */
  durationMs?: number;
  events: ChaosEvent[];
  warnings: string[];
}

export interface InjectOptions {
  client: AdminClient;
  random: () => number;
  timeScale: number;
  /** Fault ids are `<faultIdPrefix>-<n>` so cleanup can find them. */
  nextFaultId: () => string;
}

export async function inject(action: ActionSpec, o: InjectOptions): Promise<Injection> {
  const replicas = await o.client.replicas();
  const nominal = action.spec.duration ? parseDurationMs(action.spec.duration) : undefined;
  const out: Injection = { at: Date.now(), selected: [], faultIds: [], failed: [], events: [], warnings: [] };
  if (nominal !== undefined && !(action.kind === 'PodChaos' && action.spec.action !== 'pod-failure')) {
    out.durationMs = Math.max(1, Math.round(nominal * o.timeScale));
  }
  const event = (target: string, message: string): ChaosEvent => ({
    target,
    operation: 'Apply',
    type: 'Succeeded',
    at: new Date().toISOString(),
    message,
  });
  if (action.kind === 'PodChaos') {
    const spec = action.spec;
    out.selected = selectReplicas(spec, replicas, o.random).selected;
    for (const r of out.selected) {
      if (spec.action === 'pod-kill') {
        await o.client.kill(r.name, spec.gracePeriod ? 'SIGTERM' : 'SIGKILL');
        out.events.push(event(r.name, `pod-kill (pid ${r.pid})`));
      } else if (spec.action === 'pod-failure') {
        await o.client.fail(r.name, out.durationMs ?? 0);
        out.failed.push(r.name);
        out.events.push(event(r.name, `pod-failure for ${out.durationMs} ms`));
      } else {
        await o.client.restart(r.name);
        out.events.push(event(r.name, `container-kill ${(spec.containerNames ?? []).join(',')}`));
      }
    }
  } else {
    const plan =
      action.kind === 'NetworkChaos'
        ? planNetworkDelay(action.spec, replicas, o.random)
        : planHttpFault(action.spec, replicas, o.random);
    out.selected = plan.selected;
    out.warnings.push(...plan.warnings);
    for (const fault of plan.faults) {
      const id = o.nextFaultId();
      out.faultIds.push(id);
      await o.client.addFault({ ...fault, id } satisfies GatewayFault);
      out.events.push(event(fault.service, `gateway ${describeFault(fault)} (fault ${id})`));
    }
  }
  if (out.selected.length === 0) out.warnings.push('no replica was selected (nothing injected)');
  return out;
}

function describeFault(f: GatewayFault): string {
  const what =
    f.kind === 'abort' ? `abort ${f.abortStatus || 'close'}` : `delay ${f.delayMs}±${f.jitterMs ?? 0} ms`;
  const from = f.sourceService ? ` from ${f.sourceService}` : '';
  const where = `${f.method ?? ''} ${f.pathPrefix ?? ''}`.trim();
  return `${what} on ${f.service}${from}${where ? ` ${where}` : ''} ${f.percent ?? 100}%`;
}
