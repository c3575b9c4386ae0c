// Phase 7, collect: chaos recovered and verified (chaos.json written) once load has ended; the run's
// series is then compacted (results/compact-run-series.ts) after cleanup, so the verdict reads a
// complete, bounded run folder. Chaos that did not go as planned is
// a finding of the run (its criterion fails), not a harness failure. Runs in: Node.
import { ChaosError } from '../../errors.ts';
import type { ChaosPlan } from './6-chaos-timeline.ts';

export async function finishChaos(chaos: ChaosPlan, log: (line: string) => void): Promise<void> {
  try {
    await chaos.finish();
  } catch (error) {
    if (!(error instanceof ChaosError)) throw error;
    log(error.message);
  }
}
