// What the run's time charts mark besides the data: profile phases, chaos windows (injection to
// provider recovery) with the point users saw recovery, the breaking step, spike recovery, windows
// where the generator lagged, and a text note per finding that has no single instant (drift).
// Runs in: Node.
import { NO_BAND } from '../describe-analysis.ts';
import type { AnalysisResults } from '../types.ts';
import type { ChartBand, ChartMarker } from './chart-spec.ts';
import { formatMs, formatPercent, formatRate, formatValue } from '../format-values.ts';

/** A named window of the run, Unix ms. */
export interface PhaseWindow {
  name: string;
  fromMs: number;
  toMs: number;
}

export interface Annotations {
  bands: ChartBand[];
  markers: ChartMarker[];
  /** Plain-text findings shown above the charts. */
  notes: string[];
}

const toS = (ms: number) => ms / 1000;

export function annotationsOf(
  analysis: AnalysisResults,
  phases: readonly PhaseWindow[],
  runEndMs: number,
): Annotations {
  const out: Annotations = { bands: [], markers: [], notes: [] };
  for (const p of phases)
    out.bands.push({ fromS: toS(p.fromMs), toS: toS(p.toMs), label: p.name, tone: 'phase' });
  for (const lag of analysis.generatorLag)
    out.bands.push({ fromS: toS(lag.fromMs), toS: toS(lag.toMs), label: 'generator lagged', tone: 'lag' });
  addChaos(out, analysis, runEndMs);
  addBreakingPoint(out, analysis);
  addSpike(out, analysis, phases);
  addDrift(out, analysis);
  return out;
}

function addChaos(out: Annotations, analysis: AnalysisResults, runEndMs: number): void {
  for (const fault of analysis.chaos ?? []) {
    const during = fault.windows.find((w) => w.name === 'during');
    // No provider recovery seen: shade to where the analysis ended the fault, else to the run's end.
    const endMs = fault.providerRecoveredMs ?? during?.toMs ?? runEndMs;
    out.bands.push({ fromS: toS(fault.injectedMs), toS: toS(endMs), label: fault.experiment, tone: 'chaos' });
    if (fault.recoveryMs !== null) {
      out.markers.push({
        atS: toS(fault.injectedMs + fault.recoveryMs),
        label: `users recovered +${formatMs(fault.recoveryMs)}`,
        tone: 'recovered',
      });
    }
    out.notes.push(
      `Chaos ${fault.experiment} (${fault.kind}): ` +
        (fault.recoveryMs !== null
          ? `users saw recovery ${formatMs(fault.recoveryMs)} after injection`
          : fault.band === null
            ? `users' recovery not measured (${NO_BAND})`
            : 'users saw recovery never within the run') +
        (fault.providerRecoveryMs === null
          ? '; the provider never saw replicas ready again.'
          : `; replicas ready after ${formatMs(fault.providerRecoveryMs)}.`),
    );
  }
}

function addBreakingPoint(out: Annotations, analysis: AnalysisResults): void {
  const bp = analysis.breakingPoint;
  if (bp) {
    const step = bp.step;
    if (step) {
      out.bands.push({
        fromS: toS(step.fromMs),
        toS: toS(step.toMs),
        label: `breaking point: ${step.name}`,
        tone: 'breaking',
      });
      out.notes.push(
        `Breaking point at ${step.name}: ${step.vus} VUs, ${formatRate(step.rps)}, p95 ${formatMs(step.p95Ms)}, ` +
          `errors ${formatPercent(step.errorRate)}.`,
      );
    } else out.notes.push('No breaking point within the profile: every step held.');
  }
  const rate = analysis.breakpoint;
  if (rate) {
    out.notes.push(
      `Highest sustained arrival rate: ${rate.highestSustainedRate ?? '—'} it/s` +
        (rate.brokeAtRate === null
          ? '; it never broke.'
          : `; broke at ${formatRate(rate.brokeAtRate)}${rate.brokeWhileGeneratorLagged ? ' while the generator lagged' : ''}.`),
    );
  }
}

function addSpike(out: Annotations, analysis: AnalysisResults, phases: readonly PhaseWindow[]): void {
  const spike = analysis.spike;
  if (!spike) return;
  const spikePhase = phases.find((p) => p.name === 'spike');
  if (spikePhase && spike.recoveryMs !== null) {
    out.markers.push({
      atS: toS(spikePhase.toMs + spike.recoveryMs),
      label: `recovered +${formatMs(spike.recoveryMs)}`,
      tone: 'recovered',
    });
  }
  out.notes.push(
    `Spike: errors ${formatPercent(spike.spikeErrorRate)} during the spike; ` +
      (spike.recoveryMs === null
        ? 'did not return to the pre-spike band'
        : `back in the pre-spike band ${formatMs(spike.recoveryMs)} after it`) +
      `; ${spike.overflowsAfter} pool overflows after it.`,
  );
}

function addDrift(out: Annotations, analysis: AnalysisResults): void {
  const drift = analysis.drift;
  if (!drift) return;
  out.notes.push(
    `Drift over ${drift.minutes} min: p95 ${formatValue(drift.p95SlopeMsPerHour, 'ms/h')}, ` +
      `error rate ${formatValue(drift.errorRateSlopePerHour, 'ratio/h')}, ` +
      `target memory ${formatValue(drift.memorySlopeBytesPerHour, 'bytes/h')}.`,
  );
}
