// Entry point of the run analyses: from the run series (and chaos records) to the analysis part
// of the verdict and the analysis criteria — per-run breakdown, chaos faults, and the profile's
// own analysis (stress, spike, soak, breakpoint). Pure: no I/O. Runs in: Node.
import type { ChaosRecord } from '../../chaos/record.ts';
import { phaseWindows } from '../../vu/options.ts';
import { PROFILES, type ProfileName } from '../../vu/profiles.ts';
import { breakdown, sliceStats } from '../slice-stats.ts';
import type { AnalysisResults, CriterionResult, RunSeries } from '../types.ts';
import { analyzeBreakingPoint, errorsDoNotSpread, type StepWindow } from './breaking-point.ts';
import { analyzeBreakpoint, highestSustainedRateFound } from './breakpoint-rate.ts';
import { chaosCriteria } from './chaos-criteria.ts';
import { analyzeChaosFaults } from './chaos-faults.ts';
import { type AnalysisContext, analysisContext } from './context.ts';
import { analyzeDrift } from './drift.ts';
import { driftCriteria } from './drift-criteria.ts';
import { analyzeSpike, spikeRecovered } from './spike.ts';

interface AnalysisInput {
  profile: ProfileName;
  series: RunSeries;
  /** LOAD_SCALE and VU_SCALE of the run, 0 < s ≤ 1. */
  loadScale: number;
  vuScale: number;
  /** When the scenario started, Unix ms; series.startT × 1000 when unknown. */
  runStartMs: number;
  /** chaos.json `experiments[]`. */
  chaos?: ChaosRecord[];
}

export function analyzeRun(input: AnalysisInput): { results: AnalysisResults; criteria: CriterionResult[] } {
  const { points } = input.series;
  const ctx = analysisContext(input.series, input.runStartMs, input.loadScale);
  const results: AnalysisResults = {
    overall: sliceStats(points),
    services: breakdown(points, 'byService'),
    operations: breakdown(points, 'byOperation'),
    generatorLag: ctx.lag,
  };
  const criteria: CriterionResult[] = [];

  if (input.chaos?.length) {
    const faults = analyzeChaosFaults(points, input.chaos, ctx);
    results.chaos = faults.map((f) => f.analysis);
    for (const record of input.chaos) {
      const fault = faults.find((f) => f.record === record)?.analysis;
      criteria.push(...chaosCriteria(record, fault, ctx));
    }
  }

  const phases = profilePhases(input.profile, ctx);
  if (input.profile === 'stress') {
    const steps = phases.filter((p) => p.name.startsWith('step-'));
    results.breakingPoint = analyzeBreakingPoint(points, steps);
    criteria.push(errorsDoNotSpread(points, results.breakingPoint, steps));
  } else if (input.profile === 'spike') {
    const byName = (name: string) => phases.find((p) => p.name === name)!;
    const spikePhases = { pre: byName('pre'), spike: byName('spike'), post: byName('post') };
    results.spike = analyzeSpike(points, spikePhases, ctx);
    criteria.push(spikeRecovered(results.spike, spikePhases, ctx));
  } else if (input.profile === 'soak') {
    const findings = analyzeDrift(input.series, ctx);
    results.drift = findings.drift;
    const hasMemory = (input.series.targetMemory?.length ?? 0) > 0;
    criteria.push(...driftCriteria(findings, results.overall.p95Ms, input.loadScale, hasMemory));
  } else if (input.profile === 'breakpoint') {
    const findings = analyzeBreakpoint(points, ctx);
    results.breakpoint = findings.breakpoint;
    criteria.push(highestSustainedRateFound(findings));
  }
  return { results, criteria };
}

/**
 * The profile's phases at the run's LOAD_SCALE, shifted to Unix ms from the scenario start and
 * snapped up to whole seconds: a point belongs to the phase its second starts in, so snapping
 * keeps the same points and makes the window length (the rps divisor) match them.
 */
function profilePhases(profile: ProfileName, ctx: AnalysisContext): StepWindow[] {
  const snap = (ms: number) => Math.ceil(ms / 1000) * 1000;
  return phaseWindows(PROFILES[profile].phases, ctx.loadScale).map((w) => ({
    name: w.name,
    fromMs: snap(ctx.runStartMs + w.fromMs),
    toMs: snap(ctx.runStartMs + w.toMs),
  }));
}
