// Pairs the gate's steps with the baseline's: the n-th step of a profile with the baseline's n-th
// step of that profile, then refuses pairs that are not comparable. Pure. Runs in: Node.
import { findBaselineMismatches } from './compare-baseline.ts';
import type { BaselineStep, StepIdentity } from './types.ts';

interface BaselineMatch {
  /** Baseline step per gate step (same index); undefined: not compared. */
  pairs: (BaselineStep | undefined)[];
  /** Why the runs cannot be compared (exit 104); empty when they can. */
  problems: string[];
}

/**
 * `partial`: the baseline is one load run (a run id), so only the gate steps of its profile are
 * compared; otherwise every step on either side must find its partner.
 */
export function matchBaseline(
  now: readonly StepIdentity[],
  baseline: readonly BaselineStep[],
  baselineFile: string,
  partial = false,
): BaselineMatch {
  const used = new Set<number>();
  const problems: string[] = [];
  const pairs = now.map((step, index) => {
    const found = baseline.findIndex((b, i) => !used.has(i) && b.profile === step.profile);
    if (found < 0) {
      if (!partial)
        problems.push(
          `steps[${index}] (${step.profile}): ${baselineFile} has no ${step.profile} step to compare with; save a new baseline with --save-baseline`,
        );
      return undefined;
    }
    used.add(found);
    for (const line of findBaselineMismatches([step], [baseline[found]!]))
      problems.push(line.replace(/^steps\[0\]/, `steps[${index}]`));
    return baseline[found];
  });
  if (partial && used.size === 0)
    problems.push(
      `${baselineFile}: holds a ${baseline.map((b) => b.profile).join(', ')} run; the gate has no step of that profile`,
    );
  if (!partial)
    baseline.forEach((b, i) => {
      if (!used.has(i))
        problems.push(
          `${baselineFile}: its step ${i} (${b.profile}) is not in the gate any more; save a new baseline with --save-baseline`,
        );
    });
  return { pairs, problems };
}
