// A failed run-wide error-rate threshold (`http_req_failed rate<…`) says where the errors came from:
// its description names the service with the highest error rate over the run, the way a chaos
// fault's errors criterion names the worst service during the fault. Tagged slices (a phase, one
// service) are left as they are: the run-wide breakdown does not describe them. Runs in: Node.
import { formatPercent } from './format-values.ts';
import { worstRow } from './slice-stats.ts';
import type { BreakdownRow, CriterionResult } from './types.ts';

const RUN_WIDE_ERRORS = 'http_req_failed';

export function nameWorstService(
  criteria: readonly CriterionResult[],
  services: readonly BreakdownRow[],
): CriterionResult[] {
  const worst = worstRow(services);
  if (!worst?.errorRate) return [...criteria];
  return criteria.map((criterion) =>
    criterion.source === 'threshold' &&
    criterion.status === 'fail' &&
    criterion.limit.split(' ')[0] === RUN_WIDE_ERRORS
      ? {
          ...criterion,
          description: `${criterion.description}; most errors: ${worst.name} (${formatPercent(worst.errorRate)} of its ${worst.requests} requests)`,
        }
      : criterion,
  );
}
