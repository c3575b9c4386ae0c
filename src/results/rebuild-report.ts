// `npm run report`: rebuilds the verdict and every report of a results folder (one our harness
// wrote, or real k6's output converted to our time series), and renders results/history.ndjson as a
// trend page. Runs in: Node.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.ts';
import type { HistoryLine, RunRecord } from '../orchestrate/run-record.ts';
import { PROFILE_NAMES } from '../vu/profiles.ts';
import { renderHistoryHtml } from './report-html/index.ts';
import type { Verdict } from './types.ts';
import { compactRunSeries } from './compact-run-series.ts';
import { judgeRun } from './write-run-results.ts';

/** A run id under `resultsRoot`, or a folder path; the folder must hold run.json. */
export function resolveRunDir(runIdOrFolder: string, resultsRoot: string): string {
  const candidates = [path.resolve(runIdOrFolder), path.join(resultsRoot, runIdOrFolder)];
  const dir = candidates.find((candidate) => existsSync(path.join(candidate, 'run.json')));
  if (!dir) {
    throw new ConfigError(`no run folder "${runIdOrFolder}"`, [
      `<runId | folder>: neither ${candidates.join(' nor ')} holds a run.json (runs are in ${resultsRoot})`,
    ]);
  }
  return dir;
}

async function readRecord(runDir: string): Promise<RunRecord> {
  const file = path.join(runDir, 'run.json');
  const record = JSON.parse(await readFile(file, 'utf8')) as RunRecord;
  const problems: string[] = [];
  if (!(PROFILE_NAMES as readonly string[]).includes(record.profile))
    problems.push(`${file} profile: must be one of ${PROFILE_NAMES.join(', ')} (got ${record.profile})`);
  for (const field of ['loadScale', 'vuScale'] as const)
    if (typeof record[field] !== 'number') problems.push(`${file} ${field}: must be a number`);
  if (problems.length) throw new ConfigError('run.json is not a c4ang-perf run record:', problems);
  return record;
}

export async function rebuildRunReport(
  runDir: string,
  options: { strict: boolean; stepSummaryPath?: string | undefined; log?: (line: string) => void },
): Promise<Verdict> {
  const record = await readRecord(runDir);
  // A run that died while running (SIGKILL) is judged on what it left, as an interrupted one.
  const judged: RunRecord = record.status === 'running' ? { ...record, status: 'interrupted' } : record;
  // A run killed before its end (SIGKILL, out of memory) left its series uncompacted.
  await compactRunSeries(runDir, options.log ?? (() => undefined));
  const previous = await readFile(path.join(runDir, 'verdict.json'), 'utf8')
    .then((text) => JSON.parse(text) as Verdict)
    .catch(() => undefined);
  return judgeRun(runDir, judged, {
    strict: options.strict,
    engineExitCode: previous?.run.engineExitCode ?? record.exitCode ?? null,
    ...(record.status === 'failed' ? { errorExitCode: record.exitCode ?? 1 } : {}),
    stepSummaryPath: options.stepSummaryPath,
  });
}

/** Renders results/history.ndjson into results/history.html; returns its path and the run count. */
export async function renderHistory(resultsRoot: string): Promise<{ file: string; runs: number }> {
  const source = path.join(resultsRoot, 'history.ndjson');
  if (!existsSync(source))
    throw new ConfigError(`no history in ${resultsRoot}`, [
      `${source}: not found (written by every load run)`,
    ]);
  const entries: HistoryLine[] = [];
  for (const [index, text] of (await readFile(source, 'utf8')).split('\n').entries()) {
    if (text.trim() === '') continue;
    try {
      entries.push(JSON.parse(text) as HistoryLine);
    } catch {
      // A line cut short by a crash must not hide every other run.
      process.emitWarning(`${source}:${index + 1}: not JSON, skipped`);
    }
  }
  const file = path.join(resultsRoot, 'history.html');
  await writeFile(file, renderHistoryHtml(entries));
  return { file, runs: entries.length };
}
