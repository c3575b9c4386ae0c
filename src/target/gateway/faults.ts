// Gateway faults (the local chaos provider's NetworkChaos and HTTPChaos): matched per upstream attempt,
// as if injected at the replica, so retries and outlier detection react to them as they would in the
// mesh. Runs in: Node (gateway).
import type { FaultSpec } from '../types.ts';

interface AttemptFacts {
  service: string;
  replica: string;
  method: string;
  path: string;
  sourceService: string | undefined;
}

/** What the matching faults do to one attempt: total extra delay and an abort, if any. */
interface FaultEffect {
  delayMs: number;
  /** Status to answer with (0 = close the connection); undefined = no abort. */
  abortStatus: number | undefined;
}

export function matchFaults(
  faults: readonly FaultSpec[],
  facts: AttemptFacts,
  random: () => number = Math.random,
): FaultEffect {
  const effect: FaultEffect = { delayMs: 0, abortStatus: undefined };
  for (const fault of faults) {
    if (!appliesTo(fault, facts)) continue;
    if (random() * 100 >= (fault.percent ?? 100)) continue;
    if (fault.kind === 'delay') effect.delayMs += (fault.delayMs ?? 0) + random() * (fault.jitterMs ?? 0);
    else if (effect.abortStatus === undefined) effect.abortStatus = fault.abortStatus ?? 503;
  }
  return effect;
}

function appliesTo(fault: FaultSpec, facts: AttemptFacts): boolean {
  if (fault.service !== facts.service) return false;
  if (fault.replica !== undefined && fault.replica !== facts.replica) return false;
  if (fault.pathPrefix !== undefined && !facts.path.startsWith(fault.pathPrefix)) return false;
  if (fault.method !== undefined && fault.method.toUpperCase() !== facts.method.toUpperCase()) return false;
  if (fault.sourceService !== undefined && fault.sourceService !== facts.sourceService) return false;
  return true;
}
