// Each chaos fault of the run read against the time series: before / during / after windows and
// the recovery users saw, measured against the pre-fault band (docs/analysis.md). Runs in: Node.
import type { ChaosRecord } from '../../chaos/record.ts';
import type { ChaosFaultAnalysis, SeriesPoint } from '../types.ts';
import type { AnalysisContext } from './context.ts';
import { STAY_S } from './limits.ts';
import { recoveredAtMs } from './recovery.ts';
import { referenceBand } from './recovery-band.ts';
import { windowStats } from './window-stats.ts';

/** A during window is never shorter than this, so an instant fault still has one second to read. */
const MIN_DURING_MS = 1000;

interface AnalyzedFault {
  record: ChaosRecord;
  analysis: ChaosFaultAnalysis;
}

/** Unix ms of an ISO time; null when absent or unparseable. */
function isoMs(iso: string | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Faults in injection order. The before window (and band) of a fault starts after the warm-up and
 * after the previous fault (its during window and recovery stay); its after window, and the search
 * for its recovery, end at the next injection.
 * Records never injected are left out.
 */
export function analyzeChaosFaults(
  points: readonly SeriesPoint[],
  records: readonly ChaosRecord[],
  ctx: AnalysisContext,
): AnalyzedFault[] {
  const injected = records
    .map((record) => ({ record, injectedMs: isoMs(record.injectedAt) }))
    .filter((r): r is { record: ChaosRecord; injectedMs: number } => r.injectedMs !== null)
    .sort((a, b) => a.injectedMs - b.injectedMs);
  const out: AnalyzedFault[] = [];
  let previousEndMs = Number.NEGATIVE_INFINITY;
  injected.forEach(({ record, injectedMs }, i) => {
    const nextInjectedMs = injected[i + 1]?.injectedMs ?? Number.POSITIVE_INFINITY;
    const analysis = analyzeFault(points, record, injectedMs, previousEndMs, nextInjectedMs, ctx);
    // The next band starts once this fault is over: its during window and, if seen, its recovery stay.
    const recoveredEndMs =
      analysis.recoveryMs === null
        ? Number.NEGATIVE_INFINITY
        : injectedMs + analysis.recoveryMs + STAY_S * 1000;
    previousEndMs = Math.max(analysis.windows[1].toMs, recoveredEndMs);
    out.push({ record, analysis });
  });
  return out;
}

function analyzeFault(
  points: readonly SeriesPoint[],
  record: ChaosRecord,
  injectedMs: number,
  previousEndMs: number,
  nextInjectedMs: number,
  ctx: AnalysisContext,
): ChaosFaultAnalysis {
  const providerRecoveredMs = isoMs(record.recoveredAt);
  const nominalEndMs =
    providerRecoveredMs ?? (record.duration ? injectedMs + record.duration.appliedMs : ctx.seriesEndMs);
  const duringEndMs = Math.max(nominalEndMs, injectedMs + MIN_DURING_MS);
  const beforeFromMs = Math.min(injectedMs, Math.max(ctx.warmUpEndMs, previousEndMs));
  const afterToMs = Math.max(duringEndMs, Math.min(nextInjectedMs, ctx.seriesEndMs));
  const band = referenceBand(points, beforeFromMs, injectedMs);
  const recoveredMs = band ? recoveredAtMs(points, injectedMs, band, nextInjectedMs) : null;
  return {
    experiment: record.name,
    kind: record.kind,
    selected: [...record.selected],
    injectedMs,
    providerRecoveredMs,
    providerRecoveryMs:
      record.recoveryMs ?? (providerRecoveredMs !== null ? providerRecoveredMs - injectedMs : null),
    recoveryMs: recoveredMs === null ? null : Math.max(0, recoveredMs - injectedMs),
    band,
    windows: [
      windowStats(points, 'before', beforeFromMs, injectedMs, ctx.lag),
      windowStats(points, 'during', injectedMs, duringEndMs, ctx.lag),
      windowStats(points, 'after', duringEndMs, afterToMs, ctx.lag),
    ],
  };
}
