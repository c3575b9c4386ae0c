// The baseline a run's report compares with: the latest earlier passing run of the same profile,
// scales, engine, target (and canary split, if any) in results/history.ndjson, so every report.html
// answers "against the last good run?" without a gate. Runs in: Node.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryLine, RunRecord } from '../orchestrate/run-record.ts';
import type { Baseline } from './report-html/baseline-table.ts';

function comparable(line: HistoryLine, record: RunRecord): boolean {
  return (
    line.runId !== record.runId &&
    line.pass === true &&
    line.profile === record.profile &&
    line.loadScale === record.loadScale &&
    line.vuScale === record.vuScale &&
    line.engine === record.engine &&
    line.target === record.target &&
    sameCanary(line, record) &&
    line.overall !== undefined
  );
}

/** Both plain runs, or canary runs with the same share, header and scope: their overall mixes match. */
function sameCanary(line: HistoryLine, record: RunRecord): boolean {
  const key = (r: RunRecord) =>
    r.canary && [r.canary.splitPercent, r.canary.header, r.canary.service ?? ''].join();
  return key(line) === key(record);
}

export async function findPreviousRun(resultsRoot: string, record: RunRecord): Promise<Baseline | undefined> {
  const text = await readFile(path.join(resultsRoot, 'history.ndjson'), 'utf8').catch(() => '');
  let found: HistoryLine | undefined;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      const line = JSON.parse(raw) as HistoryLine;
      if (comparable(line, record)) found = line;
    } catch {
      // A line cut short by a crash is skipped, not fatal.
    }
  }
  if (!found?.overall) return undefined;
  const { requests, errorRate, p50Ms, p95Ms, p99Ms, rps } = found.overall;
  return {
    runId: found.runId,
    overall: {
      requests,
      failed: Math.round(requests * (errorRate ?? 0)),
      errorRate,
      p50Ms: p50Ms ?? null,
      p95Ms,
      p99Ms,
      rps,
    },
  };
}
