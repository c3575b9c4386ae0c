// The gate lifecycle: load and validate the config → plan the runs → read and check the baseline →
// run each step as a load run → judge (criteria, limits, baseline) → write the reports → save the
// baseline when asked and passing. Everything invalid is reported before the first run starts.
// Runs in: Node (called by scripts/gate.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { checkResultsFolder } from '../orchestrate/phases/results-folder.ts';
import { runLoad, type LoadOutcome, type RunIo } from '../orchestrate/run-load.ts';
import { formatObservation } from '../results/format-values.ts';
import type { Verdict } from '../results/types.ts';
import { baselineFromOutcomes, readBaseline, resolveBaselineSource, writeBaseline } from './baseline-file.ts';
import { compareWithBaseline, findBaselineMismatches } from './compare-baseline.ts';
import { checksFromCriteria, judgeLimits } from './judge-step.ts';
import { loadGateConfig } from './load-gate-config.ts';
import { matchBaseline } from './match-baseline.ts';
import { planGate, type GateFlags } from './plan-gate.ts';
import {
  GATE_SCHEMA,
  type BaselineReport,
  type GateCheck,
  type GateReport,
  type StepOutcome,
} from './types.ts';
import { writeGateReport } from './write-gate-report.ts';

export interface GateOptions extends GateFlags {
  configFile: string;
  /** `--baseline <runId | file>`; default `baselines/<gate name>.json`. */
  baseline?: string;
  saveBaseline?: boolean;
}

interface GateIo extends RunIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export async function runGate(
  options: GateOptions,
  io: GateIo,
  runStep: (config: Parameters<typeof runLoad>[0], io: RunIo) => Promise<LoadOutcome> = runLoad,
): Promise<GateReport> {
  const startedAt = new Date().toISOString();
  const gate = await loadGateConfig(options.configFile, io.cwd);
  const plan = planGate(gate, options, io.env, io.pathEnv, io.cwd);
  const source = resolveBaselineSource(options.baseline, gate.name, plan.resultsRoot, io.cwd);
  const shownFile = displayPath(source.file, io.cwd);
  // The results root and the baseline are checked together, before the first run: a gate that could
  // not write its report must not spend minutes on load first.
  const [folderProblems, baselineRead] = await Promise.all([
    checkResultsFolder(plan.runs[0]!.config),
    readBaseline(source, options.saveBaseline).then(
      (loaded) => ({ loaded, problems: [] as readonly string[] }),
      (error: unknown) => {
        if (!(error instanceof ConfigError)) throw error;
        return { loaded: undefined, problems: error.problems.length ? error.problems : [error.message] };
      },
    ),
  ]);
  const inputProblems = [...folderProblems, ...baselineRead.problems];
  if (inputProblems.length > 0) throw new ConfigError('the gate cannot start its runs:', inputProblems);
  const loaded = baselineRead.loaded;
  const identities = plan.runs.map((r) => r.identity);
  let match = loaded
    ? matchBaseline(identities, loaded.baseline.steps, shownFile, loaded.partial)
    : undefined;
  let compared = loaded;
  if (loaded && match && match.problems.length > 0) {
    // Saving after a deliberate change of the gate: the old baseline is replaced, not compared.
    if (!options.saveBaseline || loaded.partial)
      throw new ConfigError(`cannot compare with the baseline ${shownFile}:`, match.problems);
    io.log(
      `the baseline ${shownFile} does not match this gate (${match.problems.length} difference(s)); nothing is compared and it is replaced if the gate passes`,
    );
    match = undefined;
    compared = undefined;
  }
  io.log(
    compared
      ? `gate ${gate.name}: ${gate.steps.length} steps, comparing with baseline ${shownFile} (saved ${compared.baseline.savedAt})`
      : `gate ${gate.name}: ${gate.steps.length} steps; no baseline at ${shownFile}, so nothing will be compared (only criteria and limits)`,
  );

  const steps: StepOutcome[] = [];
  let stopCode: number | undefined;
  let stopReason = '';
  for (const [index, run] of plan.runs.entries()) {
    const step = gate.steps[index]!;
    io.log(
      `step ${index + 1}/${plan.runs.length}: ${step.profile} (scale ${run.identity.scale}, VU scale ${run.identity.vuScale}${step.chaos.length ? `, chaos ${step.chaos.join(', ')}` : ''})`,
    );
    const outcome = await runStep(run.config, io);
    const verdict = outcome.verdict ?? (await readVerdict(outcome.resultsDir));
    const identity = verdict
      ? { ...run.identity, engine: verdict.run.engine, targetKind: verdict.run.targetKind }
      : run.identity;
    const overall = verdict ? pickStats(verdict) : null;
    const checks: GateCheck[] = verdict ? checksFromCriteria(verdict.criteria) : [runFailedCheck(outcome)];
    checks.push(...judgeLimits(step.limits, overall));
    const base = match?.pairs[index];
    if (base && overall) {
      const mismatches = findBaselineMismatches([identity], [base]);
      if (mismatches.length > 0) {
        stopCode = ExitCode.invalidConfig;
        stopReason = mismatches[0]!.replace(/^steps\[0\]/, `steps[${index}]`);
      } else checks.push(...compareWithBaseline(overall, base.overall, gate.tolerances));
    }
    // Strict: a limit that could not be judged fails (criteria are strict in the run's own verdict).
    if (options.strict)
      for (const c of checks) if (c.kind === 'limit' && c.status === 'inconclusive') c.status = 'fail';
    steps.push({
      index,
      step,
      runId: run.config.runId,
      resultsDir: outcome.resultsDir,
      exitCode: outcome.exitCode,
      identity,
      overall,
      runPass: verdict?.pass ?? false,
      reason: verdict?.reason ?? outcome.record.error ?? `run exited with ${outcome.exitCode}`,
      checks,
    });
    if (io.interrupt.interruptedBy() || outcome.exitCode === ExitCode.interrupted) {
      stopCode = ExitCode.interrupted;
      stopReason = `interrupted by ${io.interrupt.interruptedBy() ?? 'a signal'} during step ${index + 1}`;
    } else if (outcome.exitCode !== ExitCode.ok && outcome.exitCode !== ExitCode.thresholdsFailed) {
      stopCode ??= outcome.exitCode;
      stopReason ||= `step ${index + 1} (${step.profile}) could not run: ${steps.at(-1)!.reason}`;
    }
    if (stopCode !== undefined) break;
  }

  const failure = firstFailure(steps);
  const pass = stopCode === undefined && failure === undefined && steps.length === plan.runs.length;
  const exitCode = stopCode ?? (pass ? ExitCode.ok : ExitCode.thresholdsFailed);
  const baseline: BaselineReport = {
    file: shownFile,
    status: compared ? 'compared' : 'missing',
    ...(compared ? { savedAt: compared.baseline.savedAt } : {}),
  };
  const candidateBaseline = baselineFromOutcomes(gate.name, plan.id, steps);
  if (options.saveBaseline) {
    const saveTo = loaded?.partial ? undefined : source.file;
    const saved = pass && saveTo !== undefined;
    baseline.save = {
      file: displayPath(saveTo ?? source.file, io.cwd),
      saved,
      ...(saved
        ? {}
        : { note: saveTo ? 'the gate did not pass' : 'a single run cannot be overwritten; give a file' }),
    };
    if (saved) await writeBaseline(saveTo, candidateBaseline);
  }
  const report: GateReport = {
    schema: GATE_SCHEMA,
    id: plan.id,
    name: gate.name,
    configFile: gate.file,
    reportDir: plan.reportDir,
    pass,
    exitCode,
    reason: stopReason || failure || 'every run passed its criteria, limits and baseline comparison',
    startedAt,
    finishedAt: new Date().toISOString(),
    tolerances: gate.tolerances,
    baseline,
    steps,
    candidateBaseline,
  };
  await writeGateReport(plan.reportDir, report, io.env.GITHUB_STEP_SUMMARY);
  return report;
}

/** Repo-relative inside the repo, absolute outside it. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

async function readVerdict(resultsDir: string): Promise<Verdict | undefined> {
  try {
    return JSON.parse(await readFile(path.join(resultsDir, 'verdict.json'), 'utf8')) as Verdict;
  } catch {
    return undefined;
  }
}

function pickStats(verdict: Verdict) {
  const { p95Ms, p99Ms, errorRate, rps, requests } = verdict.analysis.overall;
  return { p95Ms, p99Ms, errorRate, rps, requests };
}

function runFailedCheck(outcome: LoadOutcome): GateCheck {
  return {
    kind: 'criterion',
    id: 'run-completed',
    description: `the load run completed and was judged${outcome.record.error ? `: ${outcome.record.error}` : ''}`,
    limit: 'exit 0 or 99 with a verdict',
    limitValue: null,
    baseline: null,
    observed: outcome.exitCode,
    unit: 'count',
    change: null,
    status: 'fail',
  };
}

/**
 * `step 2 (normal) baseline-p95: observed 24 ms vs limit ≤ 22 ms` (numbered from 1, as in the
 * table), or undefined when all passed.
 */
function firstFailure(steps: readonly StepOutcome[]): string | undefined {
  for (const s of steps) {
    const check = s.checks.find((c) => c.status === 'fail');
    if (check) return `step ${s.index + 1} (${s.step.profile}) ${check.id}: ${formatObservation(check)}`;
    if (!s.runPass) return `step ${s.index + 1} (${s.step.profile}): ${s.reason}`;
  }
  return undefined;
}
