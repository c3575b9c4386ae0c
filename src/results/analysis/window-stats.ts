// Figures of one named window of the run (before / during / after a fault) with its worst service
// and operation, marked inconclusive when the generator lagged inside it. Runs in: Node.
import { breakdown, sliceStats, worstRow } from '../slice-stats.ts';
import type { ChaosWindowStats, SeriesPoint } from '../types.ts';
import { overlapsLag, type TimeSpan } from './generator-lag.ts';

export function windowStats(
  points: readonly SeriesPoint[],
  name: ChaosWindowStats['name'],
  fromMs: number,
  toMs: number,
  lag: readonly TimeSpan[],
): ChaosWindowStats {
  const stats: ChaosWindowStats = { name, fromMs, toMs, ...sliceStats(points, fromMs, toMs) };
  const worstService = worstRow(breakdown(points, 'byService', fromMs, toMs));
  const worstOperation = worstRow(breakdown(points, 'byOperation', fromMs, toMs));
  if (worstService) stats.worstService = worstService;
  if (worstOperation) stats.worstOperation = worstOperation;
  if (overlapsLag(lag, fromMs, toMs)) stats.inconclusive = 'generator overloaded';
  return stats;
}
