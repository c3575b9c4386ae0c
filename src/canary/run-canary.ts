// Runs a canary: its one run, or the progression's steps one after another — each a whole load run
// at its share of v2, judged before the next starts — stopping at the first step that does not pass
// (exit code other than 0), as the plan's rollback to v1 would; a progression then writes its summary
// (canary.json, canary.md). The exit code is that first failing step's, else 0. Runs in: Node.
import { ConfigError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { checkResultsFolder } from '../orchestrate/phases/results-folder.ts';
import { runLoad, type LoadOutcome, type RunIo } from '../orchestrate/run-load.ts';
import { formatDurationMs } from '../vu/duration.ts';
import { type CanaryReport, canaryReportOf, writeCanaryReport } from './canary-report.ts';
import type { CanaryPlan } from './plan-canary.ts';

export interface CanaryIo extends RunIo {
  /** Called after each step with its outcome (the entry point prints its verdict). */
  readonly onStep?: (index: number, outcome: LoadOutcome) => void;
}

export interface CanaryOutcome {
  exitCode: number;
  steps: LoadOutcome[];
  /** The progression's summary; undefined for a single run. */
  report?: CanaryReport;
}

export async function runCanary(
  plan: CanaryPlan,
  io: CanaryIo,
  runStep: typeof runLoad = runLoad,
): Promise<CanaryOutcome> {
  if (plan.progression) {
    // The results root is checked once before the first step: a progression must not spend minutes
    // on load and then find it cannot write its summary.
    const problems = await checkResultsFolder(plan.runs[0]!);
    if (problems.length > 0) throw new ConfigError('invalid canary run:', problems);
  }
  const startedAt = new Date().toISOString();
  const steps: LoadOutcome[] = [];
  let exitCode: number = ExitCode.ok;
  for (const [index, config] of plan.runs.entries()) {
    const split = config.canary!.splitPercent;
    if (plan.progression)
      io.log(
        `canary step ${index + 1}/${plan.runs.length}: ${split} % of iterations to v2 (${config.canary!.header}) for ${formatDurationMs(plan.stepMs)}`,
      );
    const outcome = await runStep(config, io);
    steps.push(outcome);
    io.onStep?.(index, outcome);
    exitCode = outcome.exitCode;
    if (io.interrupt.interruptedBy() || outcome.exitCode !== ExitCode.ok) {
      if (plan.progression && index < plan.runs.length - 1 && !io.interrupt.interruptedBy())
        io.log(`canary step ${index + 1} (${split} %) did not pass: rolled back, later steps not run`);
      break;
    }
  }
  if (!plan.progression) return { exitCode, steps };
  const report = canaryReportOf(plan, steps, startedAt, exitCode);
  try {
    await writeCanaryReport(plan.reportDir!, report, plan.runs[0]!.stepSummaryPath);
  } catch (error) {
    // Every step's own folder is written already; only the summary is missing.
    io.log(`cannot write the canary summary in ${plan.reportDir}: ${(error as Error).message}`);
    if (exitCode === ExitCode.ok) exitCode = ExitCode.internal;
  }
  return { exitCode, steps, report };
}
