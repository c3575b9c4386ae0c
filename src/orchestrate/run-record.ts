// results/<runId>/run.json and results/history.ndjson: written when the run starts (status
// "running") and rewritten at the end, so a crash still leaves a record. Runs in: Node.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface RunRecord {
  runId: string;
  profile: string;
  status: 'running' | 'finished' | 'interrupted' | 'failed';
  engine?: string;
  engineReason?: string;
  target: string;
  loadScale: number;
  vuScale: number;
  chaos: string[];
  startedAt: string;
  finishedAt?: string;
  exitCode?: number;
  error?: string;
  cleanupFailures?: string[];
}

export async function writeRunRecord(resultsDir: string, record: RunRecord): Promise<void> {
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
}

/** One line per finished run, for trend tooling; criteria come from summary.json when present. */
export async function appendHistory(
  resultsRoot: string,
  record: RunRecord,
  criteria: unknown,
): Promise<void> {
  await mkdir(resultsRoot, { recursive: true });
  const line = { ...record, criteria };
  await appendFile(path.join(resultsRoot, 'history.ndjson'), `${JSON.stringify(line)}\n`);
}
