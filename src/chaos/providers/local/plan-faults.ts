// Turns NetworkChaos delay and HTTPChaos abort/delay into gateway faults on the embedded target:
// one fault per selected receiving replica (`replica` field), so the mode is honoured exactly; the
// sending side can only be named per service, so its selected share becomes the percent. Node side.
import { parseDurationMs } from '../../../vu/duration.ts';
import type { HTTPChaosSpec, NetworkChaosSpec } from '../../kinds/types.ts';
import type { GatewayFault, ReplicaInfo } from './admin-client.ts';
import { selectReplicas } from './select-replicas.ts';

export interface FaultPlan {
  faults: GatewayFault[];
  selected: ReplicaInfo[];
  warnings: string[];
}

/** Why the local provider cannot carry out a spec (empty when it can). */
export function unsupportedFaultParts(
  kind: 'NetworkChaos' | 'HTTPChaos',
  spec: NetworkChaosSpec | HTTPChaosSpec,
): string[] {
  if (kind === 'NetworkChaos') {
    const s = spec as NetworkChaosSpec;
    return s.action === 'delay' ? [] : [`NetworkChaos action ${s.action} (local supports delay)`];
  }
  const s = spec as HTTPChaosSpec;
  const parts = [s.replace && 'replace', s.patch && 'patch'].filter((p): p is string => Boolean(p));
  return parts.length ? [`HTTPChaos ${parts.join('/')} (local supports abort and delay)`] : [];
}

/** Fraction of each service's matched replicas that were selected. */
function shareByService(matched: ReplicaInfo[], selected: ReplicaInfo[]): Map<string, number> {
  const share = new Map<string, number>();
  for (const service of new Set(selected.map((r) => r.service))) {
    const total = matched.filter((r) => r.service === service).length;
    share.set(service, selected.filter((r) => r.service === service).length / total);
  }
  return share;
}

function percentOf(fraction: number): number {
  return Math.max(1, Math.min(100, Math.round(fraction * 100)));
}

export function planNetworkDelay(
  spec: NetworkChaosSpec,
  replicas: ReplicaInfo[],
  random: () => number,
): FaultPlan {
  const warnings: string[] = [];
  const source = selectReplicas(spec, replicas, random);
  const sources = shareByService(source.matched, source.selected);
  const delayMs = parseDurationMs(spec.delay?.latency ?? '0ms') ?? 0;
  const jitterMs = parseDurationMs(spec.delay?.jitter ?? '0ms') ?? 0;
  const base = { kind: 'delay' as const, delayMs, jitterMs };
  if (!spec.target) {
    warnings.push('no target: delaying every request routed to the selected replicas (their responses)');
    const faults = source.selected.map((r) => ({ ...base, service: r.service, replica: r.name }));
    return { faults, selected: source.selected, warnings };
  }
  const target = selectReplicas(spec.target, replicas, random);
  const targets = shareByService(target.matched, target.selected);
  const faults: GatewayFault[] = [];
  const direction = spec.direction ?? 'to';
  for (const [s, fs] of sources) {
    if (direction === 'from') continue;
    for (const r of target.selected) {
      faults.push({ ...base, service: r.service, replica: r.name, sourceService: s, percent: percentOf(fs) });
    }
  }
  for (const [t, ft] of targets) {
    if (direction === 'to') continue;
    for (const r of source.selected) {
      faults.push({ ...base, service: r.service, replica: r.name, sourceService: t, percent: percentOf(ft) });
    }
  }
  return { faults, selected: [...source.selected, ...target.selected], warnings };
}

export function planHttpFault(spec: HTTPChaosSpec, replicas: ReplicaInfo[], random: () => number): FaultPlan {
  const warnings: string[] = [];
  const { matched, selected } = selectReplicas(spec, replicas, random);
  let pathPrefix: string | undefined;
  if (spec.path) {
    const star = spec.path.indexOf('*');
    pathPrefix = star < 0 ? spec.path : spec.path.slice(0, star);
    if (star >= 0 && star !== spec.path.length - 1)
      warnings.push(`path ${spec.path}: matching the prefix ${pathPrefix} only`);
  }
  const match = { ...(pathPrefix ? { pathPrefix } : {}), ...(spec.method ? { method: spec.method } : {}) };
  const action: Pick<GatewayFault, 'kind' | 'abortStatus' | 'delayMs'> = spec.abort
    ? { kind: 'abort', abortStatus: 0 }
    : { kind: 'delay', delayMs: parseDurationMs(spec.delay ?? '0ms') ?? 0 };
  if (spec.abort && spec.delay) warnings.push('abort and delay: abort wins (Chaos Mesh applies abort first)');
  if (matched.length === 0) warnings.push('selector matched no replica');
  const faults = selected.map((r) => ({ service: r.service, replica: r.name, ...action, ...match }));
  return { faults, selected, warnings };
}
