// The two criteria of every chaos fault: users saw the target recover within the allowance, and
// the worst service kept its errors below 5 % while the fault lasted — named in the criterion so
// a failure says which service broke. Runs in: Node.
import type { ChaosRecord } from '../../chaos/record.ts';
import type { ChaosFaultAnalysis, CriterionResult } from '../types.ts';
import type { AnalysisContext } from './context.ts';
import { formatMs, formatPercent } from '../format-values.ts';
import { inconclusive, judged } from './criterion.ts';
import {
  FAULT_ERROR_RATE_LIMIT,
  RECOVERY_ALLOWANCE_FLOOR_MS,
  RECOVERY_ALLOWANCE_MS,
  scaledMs,
} from './limits.ts';
import { judgeRecovery } from './recovery-criterion.ts';

/** Recovery limit from injection: the fault's own applied duration (if any) plus the allowance. */
function chaosRecoveryLimitMs(record: ChaosRecord, loadScale: number): number {
  const allowanceMs = scaledMs(RECOVERY_ALLOWANCE_MS, loadScale, RECOVERY_ALLOWANCE_FLOOR_MS);
  return (record.duration?.appliedMs ?? 0) + allowanceMs;
}

export function chaosCriteria(
  record: ChaosRecord,
  fault: ChaosFaultAnalysis | undefined,
  ctx: AnalysisContext,
): CriterionResult[] {
  const limitMs = chaosRecoveryLimitMs(record, ctx.loadScale);
  const recoveredId = `chaos-recovered-${record.name}`;
  const errorsId = `chaos-${record.name}-errors-during-fault`;
  const errorsLimit = `< ${formatPercent(FAULT_ERROR_RATE_LIMIT)}`;
  if (!fault) {
    const never = `${record.name}: never injected, nothing to judge`;
    return [
      inconclusive(
        { id: recoveredId, description: never, limit: `≤ ${formatMs(limitMs)}`, observed: null },
        'no data',
      ),
      inconclusive({ id: errorsId, description: never, limit: errorsLimit, observed: null }, 'no data'),
    ];
  }
  const recovered = judgeRecovery(
    {
      id: recoveredId,
      description: `${record.name}: p95 and error rate back inside the pre-fault band and staying there`,
      bandFromMs: fault.windows[0].fromMs,
      fromMs: fault.injectedMs,
      recoveryMs: fault.recoveryMs,
      band: fault.band,
      limitMs,
      horizonMs: fault.windows[2].toMs,
    },
    ctx,
  );
  return [recovered, errorsDuringFault(errorsId, errorsLimit, fault, targetServices(record.selected))];
}

/**
 * Services a fault acted on, from the pod names it selected: a Deployment's pods (and the stand-in's
 * replicas) are named `<service>-<replicaset hash>-<pod hash>`.
 */
export function targetServices(selected: readonly string[]): string[] {
  const names = selected.map((pod) =>
    pod
      .split('/')
      .pop()!
      .replace(/-[a-z0-9]+-[a-z0-9]+$/, ''),
  );
  return [...new Set(names)].sort();
}

/**
 * Judged on the worst service of the during window (highest error rate), which it names — with
 * the service the fault hit, which may not be the one that suffered most (a caller of it can be).
 */
function errorsDuringFault(
  id: string,
  limit: string,
  fault: ChaosFaultAnalysis,
  targets: readonly string[],
): CriterionResult {
  const during = fault.windows.find((w) => w.name === 'during')!;
  const worst = during.worstService;
  const who = worst?.name ?? 'all services';
  const observed = worst ? worst.errorRate : during.errorRate;
  const hit = targets.length > 0 ? ` (fault on ${targets.join(', ')})` : '';
  const base = {
    id,
    description: `${who}: errors during the fault below ${formatPercent(FAULT_ERROR_RATE_LIMIT)}${hit}`,
    limit,
    observed,
    unit: 'ratio' as const,
  };
  // Errors are the target's answers, whatever the generator's pace: only a window without data is
  // inconclusive here (a lagging generator voids latency and rate figures, not failed responses).
  if (during.inconclusive === 'no data') return inconclusive(base, during.inconclusive);
  // No request completed at all while the fault lasted: a total outage.
  if (during.requests === 0)
    return judged(
      { ...base, description: `no request completed during the fault (total outage)${hit}` },
      false,
    );
  return judged(base, (observed ?? 0) < FAULT_ERROR_RATE_LIMIT);
}
