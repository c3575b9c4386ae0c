// results/<runId>/run.json and results/history.ndjson: written when the run starts (status
// "running") and rewritten at the end, so a crash still leaves a record. Runs in: Node.
import { appendFileSync, writeFileSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CanarySettings } from '../results/canary/canary-settings.ts';
import type { Verdict } from '../results/types.ts';
import type { RunStatus } from '../results/verdict-exit-code.ts';

export interface RunRecord {
  runId: string;
  profile: string;
  /** `crashed`: the harness process died mid-run; set by the next run or `chaos:clean`. */
  status: RunStatus;
  engine?: string;
  engineReason?: string;
  target: string;
  loadScale: number;
  vuScale: number;
  chaos: string[];
  startedAt: string;
  /** When the engine was started (after build and target), ISO-8601. */
  loadStartedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  error?: string;
  cleanupFailures?: string[];
  /** A canary run (`npm run load:canary`): its split, header and tolerances. */
  canary?: CanarySettings;
}

/** run.json of a run folder, or undefined when there is none (or it is unreadable). */
export async function readRunRecord(resultsDir: string): Promise<RunRecord | undefined> {
  try {
    return JSON.parse(await readFile(path.join(resultsDir, 'run.json'), 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

export async function writeRunRecord(resultsDir: string, record: RunRecord): Promise<void> {
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * Last words of a run whose process exits before its results are written: synchronous, because it
 * runs in the process's 'exit' event. `interrupted`: a second Ctrl-C; `crashed`: anything else (an
 * uncaught error). The run folder then says what happened instead of "running" forever.
 */
export function markRunAbandonedSync(
  resultsDir: string,
  resultsRoot: string,
  record: RunRecord,
  status: 'interrupted' | 'crashed',
): void {
  if (record.status !== 'running') return;
  const abandoned: RunRecord = {
    ...record,
    status,
    finishedAt: new Date().toISOString(),
    exitCode: status === 'interrupted' ? 105 : 1,
    error:
      status === 'interrupted'
        ? 'exited at a second signal without waiting for cleanup; chaos left applied is in the ledger for npm run chaos:clean'
        : 'the harness exited before the run ended; chaos left applied is in the ledger for npm run chaos:clean',
  };
  try {
    writeFileSync(path.join(resultsDir, 'run.json'), `${JSON.stringify(abandoned, null, 2)}\n`);
    appendFileSync(path.join(resultsRoot, 'history.ndjson'), `${JSON.stringify(abandoned)}\n`);
  } catch {
    // Nothing more can be done while exiting; the next run marks the folder crashed instead.
  }
}

/** One line of results/history.ndjson: the run record plus what trend pages plot. */
export interface HistoryLine extends RunRecord {
  pass?: boolean;
  reason?: string;
  overall?: {
    requests: number;
    errorRate: number | null;
    p50Ms?: number | null;
    p95Ms: number | null;
    p99Ms: number | null;
    rps: number;
  };
  criteria?: { id: string; status: string; observed: number | null }[];
}

/** One line per run that got as far as load, so a trend survives the run folders being pruned. */
export async function appendHistory(
  resultsRoot: string,
  record: RunRecord,
  verdict: Verdict | undefined,
): Promise<void> {
  await mkdir(resultsRoot, { recursive: true });
  const line: HistoryLine = { ...record };
  if (verdict) {
    const { requests, errorRate, p50Ms, p95Ms, p99Ms, rps } = verdict.analysis.overall;
    Object.assign(line, {
      pass: verdict.pass,
      reason: verdict.reason,
      overall: { requests, errorRate, p50Ms, p95Ms, p99Ms, rps },
      criteria: verdict.criteria.map((c) => ({ id: c.id, status: c.status, observed: c.observed })),
    });
  }
  await appendFile(path.join(resultsRoot, 'history.ndjson'), `${JSON.stringify(line)}\n`);
}
