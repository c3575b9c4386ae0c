// Breakpoint: the highest arrival rate (completed iterations/s over fixed windows) the target
// sustained within p95 < 500 ms and errors < 1 %, and the rate of the first window that broke
// either limit. Windows where the generator lagged judge nothing. Runs in: Node.
import { sliceStats } from '../slice-stats.ts';
import type { BreakpointAnalysis, CriterionResult, SeriesPoint } from '../types.ts';
import type { AnalysisContext } from './context.ts';
import { inconclusive, judged } from './criterion.ts';
import { overlapsLag } from './generator-lag.ts';
import { breaksLimits, SUSTAIN_WINDOW_FLOOR_MS, SUSTAIN_WINDOW_MS, scaledMs } from './limits.ts';

interface BreakpointFindings {
  breakpoint: BreakpointAnalysis;
  /** Windows with requests that were judged. */
  windows: number;
  /**
   * The generator lagged after the window of the highest sustained rate (and before the break):
   * the ramp went on while the generator could not keep up, so the target may sustain more.
   */
  laggedAfterHighest: boolean;
}

export function analyzeBreakpoint(points: readonly SeriesPoint[], ctx: AnalysisContext): BreakpointFindings {
  const windowMs = scaledMs(SUSTAIN_WINDOW_MS, ctx.loadScale, SUSTAIN_WINDOW_FLOOR_MS);
  let highest: number | null = null;
  let brokeAt: number | null = null;
  let brokeWhileLagging: number | null = null;
  let highestFromMs = Number.NEGATIVE_INFINITY;
  let lastLaggedFromMs = Number.NEGATIVE_INFINITY;
  let windows = 0;
  for (let fromMs = ctx.runStartMs; fromMs < ctx.seriesEndMs && brokeAt === null; fromMs += windowMs) {
    const toMs = Math.min(fromMs + windowMs, ctx.seriesEndMs);
    const stats = sliceStats(points, fromMs, toMs);
    if (stats.requests === 0) continue;
    // The rate the executor offered: iterations completed plus those it dropped for want of a free
    // VU. Completed ones alone fall when the target slows down, so a broken window would read lower
    // than a sustained one.
    const iterations = points
      .filter((p) => p.t * 1000 >= fromMs && p.t * 1000 < toMs)
      .reduce((sum, p) => sum + p.iterations + p.droppedIterations, 0);
    const rate = iterations / ((toMs - fromMs) / 1000);
    if (overlapsLag(ctx.lag, fromMs, toMs)) {
      lastLaggedFromMs = fromMs;
      if (brokeWhileLagging === null && breaksLimits(stats.p95Ms, stats.errorRate)) brokeWhileLagging = rate;
      continue;
    }
    windows++;
    if (breaksLimits(stats.p95Ms, stats.errorRate)) brokeAt = rate;
    else if (highest === null || rate > highest) {
      highest = rate;
      highestFromMs = fromMs;
    }
  }
  const lagBreak = brokeAt === null && brokeWhileLagging !== null;
  return {
    breakpoint: {
      highestSustainedRate: highest,
      brokeAtRate: brokeAt ?? brokeWhileLagging,
      ...(lagBreak ? { brokeWhileGeneratorLagged: true } : {}),
    },
    windows,
    laggedAfterHighest: lastLaggedFromMs > highestFromMs,
  };
}

/** Passes when a sustained rate above 0 was measured; the threshold abort is the expected end. */
export function highestSustainedRateFound(findings: BreakpointFindings): CriterionResult {
  const { highestSustainedRate, brokeAtRate, brokeWhileGeneratorLagged } = findings.breakpoint;
  const broke =
    brokeAtRate === null
      ? 'never broke within the run'
      : `broke at ${brokeAtRate.toFixed(1)} iterations/s${brokeWhileGeneratorLagged ? ' while the generator lagged' : ''}`;
  const facts = {
    id: 'highest-sustained-rate-found',
    description: `highest arrival rate sustained within p95 < 500 ms and errors < 1 % (${broke})`,
    limit: '> 0 iterations/s',
    observed: highestSustainedRate,
    unit: 'rps' as const,
  };
  // The generator lagged before the target broke: the figure is the generator's limit, not the target's.
  if (findings.laggedAfterHighest) return inconclusive(facts, 'generator overloaded');
  if (findings.windows === 0) return inconclusive(facts, 'too short to judge');
  return judged(facts, (highestSustainedRate ?? 0) > 0);
}
