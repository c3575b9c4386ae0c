// Judges a finished (or interrupted) run from its folder and writes every artefact a person or CI
// reads: verdict.json, junit.xml, report.md, report.html, and the job summary on GitHub Actions.
// The load lifecycle and `npm run report` both end here. Runs in: Node.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunRecord } from '../orchestrate/run-record.ts';
import { TARGET_METRICS_FILE } from '../orchestrate/sample-target-memory.ts';
import { phaseWindows } from '../vu/options.ts';
import { PROFILES, type ProfileName } from '../vu/profiles.ts';
import { buildVerdict, type ChaosFile } from './build-verdict.ts';
import { findPreviousRun } from './previous-run.ts';
import { readRunSeries } from './read-run-series.ts';
import { findTimeSeries } from './timeseries-file.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import { chartDataOf, renderReportHtml } from './report-html/index.ts';
import type { RunSeries, Verdict } from './types.ts';

export interface JudgeOptions {
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

export const ARTEFACTS = ['verdict.json', 'junit.xml', 'report.md', 'report.html'] as const;

/** Reads the run folder, builds the verdict and writes every artefact; returns the verdict. */
export async function judgeRun(runDir: string, record: RunRecord, options: JudgeOptions): Promise<Verdict> {
  const [summary, chaos, series] = await Promise.all([
    readJson<Record<string, unknown>>(path.join(runDir, 'summary.json')),
    readJson<ChaosFile>(path.join(runDir, 'chaos.json')),
    readSeries(runDir),
  ]);
  const verdict = buildVerdict({
    record,
    summary,
    series,
    chaos,
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
  await Promise.all([
    writeFile(path.join(runDir, 'verdict.json'), `${JSON.stringify(verdict, null, 2)}\n`),
    writeFile(path.join(runDir, 'junit.xml'), renderJunit(verdict)),
    writeFile(path.join(runDir, 'report.md'), markdown),
    writeFile(
      path.join(runDir, 'report.html'),
      renderReportHtml({ verdict, chart: chartDataOf(series), phases, ...(baseline ? { baseline } : {}) }),
    ),
  ]);
  if (options.stepSummaryPath) await appendFile(options.stepSummaryPath, `${markdown}\n`);
  return verdict;
}
