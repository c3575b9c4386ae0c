// The soak criteria: no upward drift of p95, error rate or replica memory per (scaled) hour.
// Too few buckets, or a generator that lagged in too many of them, leaves them unjudged.
// Runs in: Node.
import type { CriterionResult, InconclusiveReason } from '../types.ts';
import { formatBytes, formatPercent } from '../format-values.ts';
import { type CriterionFacts, inconclusive, judged } from './criterion.ts';
import type { DriftFindings } from './drift.ts';
import {
  ERROR_DRIFT_LIMIT_PER_HOUR,
  MAX_LAGGED_BUCKET_SHARE,
  MEMORY_DRIFT_FLOOR_BYTES_PER_HOUR,
  MEMORY_DRIFT_SHARE_PER_HOUR,
  P95_DRIFT_FLOOR_MS_PER_HOUR,
  P95_DRIFT_SHARE_PER_HOUR,
} from './limits.ts';

export function driftCriteria(
  findings: DriftFindings,
  runP95Ms: number | null,
  loadScale: number,
  hasMemory: boolean,
): CriterionResult[] {
  const { drift } = findings;
  const hour = loadScale < 1 ? `scaled hour (${Number((3600 * loadScale).toFixed(1))} s)` : 'hour';
  const reason: InconclusiveReason | null =
    findings.buckets > 0 && findings.laggedBuckets / findings.buckets > MAX_LAGGED_BUCKET_SHARE
      ? 'generator overloaded'
      : null;
  const judge = (facts: CriterionFacts, limit: number, slope: number | null): CriterionResult => {
    if (reason) return inconclusive(facts, reason);
    if (slope === null) return inconclusive(facts, 'too short to judge');
    return judged(facts, slope < limit);
  };

  const p95Limit = Math.max(P95_DRIFT_SHARE_PER_HOUR * (runP95Ms ?? 0), P95_DRIFT_FLOOR_MS_PER_HOUR);
  const criteria = [
    judge(
      {
        id: 'p95-drift-under-limit',
        description: `p95 grows by less than ${P95_DRIFT_SHARE_PER_HOUR * 100} % of the run's p95 (at least ${P95_DRIFT_FLOOR_MS_PER_HOUR} ms) per ${hour}`,
        limit: `< ${Number(p95Limit.toFixed(2))} ms/h`,
        observed: drift.p95SlopeMsPerHour,
        unit: 'ms/h',
      },
      p95Limit,
      drift.p95SlopeMsPerHour,
    ),
    judge(
      {
        id: 'error-drift-under-limit',
        description: `error rate grows by less than ${formatPercent(ERROR_DRIFT_LIMIT_PER_HOUR)} points per ${hour}`,
        limit: `< ${ERROR_DRIFT_LIMIT_PER_HOUR}/h`,
        observed: drift.errorRateSlopePerHour,
        unit: 'ratio/h',
      },
      ERROR_DRIFT_LIMIT_PER_HOUR,
      drift.errorRateSlopePerHour,
    ),
  ];
  if (!hasMemory) return criteria;
  const memoryLimit = Math.max(
    MEMORY_DRIFT_SHARE_PER_HOUR * (findings.memory?.medianBytes ?? 0),
    MEMORY_DRIFT_FLOOR_BYTES_PER_HOUR,
  );
  const who = findings.memory ? `${findings.memory.replica}: ` : '';
  criteria.push(
    judge(
      {
        id: 'memory-drift-under-limit',
        description: `${who}memory grows by less than ${MEMORY_DRIFT_SHARE_PER_HOUR * 100} % of its median (at least 1 MiB) per ${hour}`,
        limit: `< ${formatBytes(memoryLimit)}/h`,
        observed: drift.memorySlopeBytesPerHour,
        unit: 'bytes/h',
      },
      memoryLimit,
      drift.memorySlopeBytesPerHour,
    ),
  );
  return criteria;
}
