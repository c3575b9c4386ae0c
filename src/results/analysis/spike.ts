// Spike: error rate during the spike phase, the time until p95 and errors are back inside the
// pre-spike band and stay there (the chaos recovery rule), and pool overflows afterwards.
// Runs in: Node.
import { sliceStats } from '../slice-stats.ts';
import type { CriterionResult, SeriesPoint, SpikeAnalysis } from '../types.ts';
import type { AnalysisContext } from './context.ts';
import { RECOVERY_ALLOWANCE_FLOOR_MS, RECOVERY_ALLOWANCE_MS, scaledMs } from './limits.ts';
import { judgeRecovery } from './recovery-criterion.ts';
import { recoveredAtMs } from './recovery.ts';
import { referenceBand } from './recovery-band.ts';
import type { StepWindow } from './breaking-point.ts';

/** `pre`, `spike` and `post` phases of the profile, in Unix ms. */
interface SpikePhases {
  pre: StepWindow;
  spike: StepWindow;
  post: StepWindow;
}

export function analyzeSpike(
  points: readonly SeriesPoint[],
  phases: SpikePhases,
  ctx: AnalysisContext,
): SpikeAnalysis {
  const band = referenceBand(points, bandFromMs(phases, ctx), phases.spike.fromMs);
  const recoveredMs = band ? recoveredAtMs(points, phases.spike.toMs, band) : null;
  const overflowsAfter = points
    .filter((p) => p.t * 1000 >= phases.spike.toMs)
    .reduce((sum, p) => sum + p.overflows, 0);
  return {
    spikeErrorRate: sliceStats(points, phases.spike.fromMs, phases.spike.toMs).errorRate,
    recoveryMs: recoveredMs === null ? null : Math.max(0, recoveredMs - phases.spike.toMs),
    overflowsAfter,
    band,
  };
}

/** Back inside the pre-spike band within the allowance (60 s at full scale, at least 5 s). */
export function spikeRecovered(
  analysis: SpikeAnalysis,
  phases: SpikePhases,
  ctx: AnalysisContext,
): CriterionResult {
  return judgeRecovery(
    {
      id: 'spike-recovered',
      description: 'p95 and error rate back inside the pre-spike band after the spike, and staying there',
      bandFromMs: bandFromMs(phases, ctx),
      fromMs: phases.spike.toMs,
      recoveryMs: analysis.recoveryMs,
      band: analysis.band,
      limitMs: scaledMs(RECOVERY_ALLOWANCE_MS, ctx.loadScale, RECOVERY_ALLOWANCE_FLOOR_MS),
    },
    ctx,
  );
}

/** The pre-spike band is drawn from the pre phase after the warm-up. */
function bandFromMs(phases: SpikePhases, ctx: AnalysisContext): number {
  return Math.max(phases.pre.fromMs, ctx.warmUpEndMs);
}
