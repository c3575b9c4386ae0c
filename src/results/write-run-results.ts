// Judges a finished (or interrupted) run from its folder and writes every artefact a person or CI
// reads: verdict.json, junit.xml, report.md, report.html, and the job summary on GitHub Actions.
// The load lifecycle and `npm run report` both end here. Runs in: Node.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HarnessError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import type { RunRecord } from '../orchestrate/run-record.ts';
import { TARGET_METRICS_FILE } from '../orchestrate/sample-target-memory.ts';
import { phaseWindows } from '../vu/options.ts';
import { PROFILES, type ProfileName } from '../vu/profiles.ts';
import { buildVerdict, type ChaosFile } from './build-verdict.ts';
import { readCanaryReference } from './canary/read-reference.ts';
import { findPreviousRun } from './previous-run.ts';
import { readRunSeries } from './read-run-series.ts';
import { readResourcesFile } from './resources/resources-file.ts';
import { readSecurityFile } from './security/security-file.ts';
import { findTimeSeries } from './timeseries-file.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import { chartDataOf, renderReportHtml } from './report-html/index.ts';
import type { RunSeries, Verdict } from './types.ts';
import { describeWriteFailure, injectedWriteFault } from './write-failures.ts';

interface JudgeOptions {
  strict: boolean;
  errorExitCode?: number;
  engineExitCode?: number | null;
  /** Where GitHub's job summary goes (GITHUB_STEP_SUMMARY), if anywhere. */
  stepSummaryPath?: string | undefined;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** The time series plus the target's memory samples when the run recorded them. */
async function readSeries(runDir: string): Promise<RunSeries> {
  const file = findTimeSeries(runDir);
  const series: RunSeries = file ? await readRunSeries(file) : { points: [], startT: 0, endT: 0 };
  const memory = await readFile(path.join(runDir, TARGET_METRICS_FILE), 'utf8').catch(() => '');
  const samples = memory
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { t: number; replica: string; bytes: number });
  if (samples.length > 0) series.targetMemory = samples;
  return series;
}

/** Reads the run folder, builds the verdict and writes every artefact; returns the verdict. */
export async function judgeRun(runDir: string, record: RunRecord, options: JudgeOptions): Promise<Verdict> {
  const [summary, chaos, series, resources] = await Promise.all([
    readJson<Record<string, unknown>>(path.join(runDir, 'summary.json')),
    readJson<ChaosFile>(path.join(runDir, 'chaos.json')),
    readSeries(runDir),
    readResourcesFile(runDir),
  ]);
  // A 100 % canary step is compared with the v1 its progression's earlier steps saw.
  const referenceRuns = record.canary?.referenceRuns;
  const canaryReference = referenceRuns?.length
    ? await readCanaryReference(path.dirname(runDir), referenceRuns)
    : undefined;
  const security = await readSecurityFile(runDir);
  const verdict = buildVerdict({
    record,
    ...(security ? { security } : {}),
    summary,
    series,
    chaos,
    resources,
    ...(canaryReference ? { canaryReference } : {}),
    strict: options.strict,
    ...(options.errorExitCode !== undefined ? { errorExitCode: options.errorExitCode } : {}),
    engineExitCode: options.engineExitCode ?? null,
  });
  const startMs = series.startT * 1000;
  const profile = PROFILES[record.profile as ProfileName];
  const phases = phaseWindows(profile.phases, record.loadScale).map((p) => ({
    name: p.name,
    fromMs: startMs + p.fromMs,
    toMs: startMs + p.toMs,
  }));
  const markdown = renderMarkdown(verdict);
  const baseline = await findPreviousRun(path.dirname(runDir), record);
  const failed = await writeArtefacts([
    [path.join(runDir, 'verdict.json'), () => `${JSON.stringify(verdict, null, 2)}\n`],
    [path.join(runDir, 'junit.xml'), () => renderJunit(verdict)],
    [path.join(runDir, 'report.md'), () => markdown],
    [
      path.join(runDir, 'report.html'),
      () =>
        renderReportHtml({ verdict, chart: chartDataOf(series), phases, ...(baseline ? { baseline } : {}) }),
    ],
  ]);
  // The job summary lives outside the run folder: a full results disk may spare it.
  if (options.stepSummaryPath) await appendFile(options.stepSummaryPath, `${markdown}\n`);
  if (failed.length > 0)
    throw new ResultsWriteError(
      failed.map((f) => f.line),
      verdict,
      failed[0]!.error,
    );
  return verdict;
}

/**
 * Some of a run's artefacts could not be written (disk full, folder gone): the run was judged all the
 * same, so the verdict travels with the error and can still be shown. Exit 1.
 */
export class ResultsWriteError extends HarnessError {
  /** One `cannot write <file>: <reason>` line per file. */
  readonly failures: readonly string[];
  readonly verdict: Verdict;
  constructor(failures: readonly string[], verdict: Verdict, cause: unknown) {
    super(failures.join('\n'), ExitCode.internal, { cause });
    this.failures = failures;
    this.verdict = verdict;
  }
}

/** Writes every file it can; returns a `cannot write <file>: <reason>` line per file that failed. */
async function writeArtefacts(
  files: readonly (readonly [string, () => string])[],
): Promise<{ line: string; error: unknown }[]> {
  const results = await Promise.allSettled(
    files.map(async ([file, render]) => {
      const fault = injectedWriteFault(file);
      if (fault) throw fault;
      await writeFile(file, render());
    }),
  );
  return results.flatMap((result, i) =>
    result.status === 'rejected'
      ? [{ line: describeWriteFailure(files[i]![0], result.reason), error: result.reason as unknown }]
      : [],
  );
}
