// Phase 8, verdict: the run folder is judged (verdict.json, junit.xml, report.md, report.html) and the
// exit code comes from the verdict — the one decision in src/results/verdict-exit-code.ts — except
// that a failed cleanup turns a pass into 1: chaos or processes may be left. A results file that could
// not be written (disk full: the time series mid-run, or an artefact now) also makes it 1, with one
// `cannot write <file>: <reason>` line each and no stack; the verdict is still returned, so its
// headline is printed. Runs in: Node.
import type { RunConfig } from '../../config.ts';
import { ExitCode } from '../../exit-codes.ts';
import type { Verdict } from '../../results/types.ts';
import { writeFailuresUnder } from '../../results/write-failures.ts';
import { judgeRun, ResultsWriteError } from '../../results/write-run-results.ts';
import type { RunRecord } from '../run-record.ts';

export interface Judgement {
  readonly exitCode: number;
  readonly verdict?: Verdict;
}

export async function judgeRunFolder(
  config: RunConfig,
  record: RunRecord,
  errorExitCode: number,
  engineExitCode: number | null,
  log: (line: string) => void,
): Promise<Judgement> {
  let verdict: Verdict;
  const unwritten: string[] = [];
  try {
    verdict = await judgeRun(config.resultsDir, record, {
      strict: config.strict,
      errorExitCode,
      engineExitCode,
      stepSummaryPath: config.stepSummaryPath,
    });
  } catch (error) {
    if (!(error instanceof ResultsWriteError)) {
      record.error ??= `could not judge the run: ${(error as Error).message}`;
      log(`internal error while judging the run: ${(error as Error)?.stack ?? error}`);
      return { exitCode: ExitCode.internal };
    }
    verdict = error.verdict;
    unwritten.push(...error.failures);
  }
  unwritten.unshift(...writeFailuresUnder(config.resultsDir));
  if (unwritten.length > 0) {
    // The entry point prints record.error once the run is over; an earlier error keeps its place.
    if (record.error) for (const line of unwritten) log(line);
    else record.error = `results not saved: ${unwritten.join('; ')}`;
    return { exitCode: ExitCode.internal, verdict };
  }
  const exitCode =
    record.cleanupFailures && verdict.exitCode === ExitCode.ok ? ExitCode.internal : verdict.exitCode;
  return { exitCode, verdict };
}
