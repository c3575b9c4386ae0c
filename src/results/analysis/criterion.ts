// Builders for analysis criteria, so every one carries the same fields: conclusive ones pass or
// fail, inconclusive ones carry pass null and the reason. Runs in: Node.
import type { CriterionResult, InconclusiveReason } from '../types.ts';

export interface CriterionFacts {
  id: string;
  description: string;
  /** Human-readable limit, e.g. `≤ 5 s`. */
  limit: string;
  observed: number | null;
  unit?: CriterionResult['unit'];
}

export function judged(facts: CriterionFacts, pass: boolean): CriterionResult {
  return { ...facts, pass, status: pass ? 'pass' : 'fail', source: 'analysis' };
}

export function inconclusive(facts: CriterionFacts, reason: InconclusiveReason): CriterionResult {
  return { ...facts, pass: null, status: 'inconclusive', inconclusive: reason, source: 'analysis' };
}
