// The reference of a canary step that sends no v1 itself (100 %): the v1 traffic of the progression's
// earlier steps, read from their run folders (siblings under the same results root) and pooled. A
// folder that is gone is named, not fatal: the comparison then has less (or no) v1 to go on.
// Runs in: Node.
import path from 'node:path';
import { analysisContext } from '../analysis/context.ts';
import { readRunSeries } from '../read-run-series.ts';
import { findTimeSeries } from '../timeseries-file.ts';
import type { CanaryReference } from './canary-criteria.ts';
import { emptyVersionTotals, mergeVersionTotals, versionTotals } from './version-totals.ts';

export async function readCanaryReference(
  resultsRoot: string,
  runs: readonly string[],
): Promise<CanaryReference> {
  const totals = emptyVersionTotals();
  const missing: string[] = [];
  for (const run of runs) {
    const file = findTimeSeries(path.join(resultsRoot, run));
    const series = file ? await readRunSeries(file).catch(() => undefined) : undefined;
    if (!series) missing.push(run);
    // Each run's own warm-up is left out, as it is of the step compared with them.
    else {
      const { warmUpEndMs } = analysisContext(series, series.startT * 1000, 1);
      mergeVersionTotals(totals, versionTotals(series.points, 'v1', warmUpEndMs));
    }
  }
  return { totals, runs: [...runs], missing };
}
