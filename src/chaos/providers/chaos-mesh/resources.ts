// Fully qualified kubectl resource names of the Chaos Mesh kinds (qualified so that another
// operator's `schedules` can never be hit) and the CRD names preflight checks. Node side; pure.
import type { ChaosKind } from '../../kinds/types.ts';

const PLURALS: Record<ChaosKind, string> = {
  PodChaos: 'podchaos',
  NetworkChaos: 'networkchaos',
  HTTPChaos: 'httpchaos',
  Schedule: 'schedules',
};

/** `podchaos.chaos-mesh.org` — the CRD name and the qualified resource type. */
export function resourceOf(kind: ChaosKind): string {
  return `${PLURALS[kind]}.chaos-mesh.org`;
}

/** `podchaos.chaos-mesh.org/<name>`. */
export function objectRef(kind: ChaosKind, name: string): string {
  return `${resourceOf(kind)}/${name}`;
}

export const ALL_CHAOS_RESOURCES = (Object.keys(PLURALS) as ChaosKind[]).map(resourceOf);
