// Judges a measured recovery (chaos fault or spike) against its limit, deciding first whether it
// can be judged at all: a reference band, a series long enough, a generator that kept up.
// Runs in: Node.
import type { CriterionResult } from '../types.ts';
import type { AnalysisContext } from './context.ts';
import { formatMs } from '../format-values.ts';
import { type CriterionFacts, inconclusive, judged } from './criterion.ts';
import { overlapsLag } from './generator-lag.ts';
import { STAY_S } from './limits.ts';
import type { RecoveryBand } from './recovery-band.ts';

interface RecoveryFacts {
  id: string;
  /** What recovered from what, e.g. `order-service-pod-kill: p95 and error rate back inside …`. */
  description: string;
  /** Start of the reference window the band was drawn from, Unix ms. */
  bandFromMs: number;
  /** When recovery is measured from (fault injected, spike over), Unix ms. */
  fromMs: number;
  recoveryMs: number | null;
  band: RecoveryBand | null;
  limitMs: number;
  /** Where the search for a recovery ended (Unix ms): the next fault, else the end of the series. */
  horizonMs?: number;
}

export function judgeRecovery(facts: RecoveryFacts, ctx: AnalysisContext): CriterionResult {
  const base: CriterionFacts = {
    id: facts.id,
    description: facts.description,
    limit: `≤ ${formatMs(facts.limitMs)}`,
    observed: facts.recoveryMs,
    unit: 'ms',
  };
  if (!facts.band) return inconclusive(base, 'too short to judge');
  const horizonMs = Math.min(facts.horizonMs ?? ctx.seriesEndMs, ctx.seriesEndMs);
  // The verdict rests on the band's window and on what follows up to the end of the stay when
  // recovered, else up to the horizon.
  const dependsToMs = facts.recoveryMs === null ? horizonMs : facts.fromMs + facts.recoveryMs + STAY_S * 1000;
  if (overlapsLag(ctx.lag, facts.bandFromMs, dependsToMs)) return inconclusive(base, 'generator overloaded');
  if (facts.recoveryMs === null) {
    // The run (or the next fault) came before the allowance ran out: it might still have recovered.
    if (horizonMs - facts.fromMs < facts.limitMs) return inconclusive(base, 'too short to judge');
    return judged({ ...base, description: `${facts.description} (never recovered)` }, false);
  }
  return judged(base, facts.recoveryMs <= facts.limitMs);
}
