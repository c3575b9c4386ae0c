// Part of phase 1: the results root must be a writable folder and the run's own folder must be new.
// Checked before anything starts, so an unwritable or misnamed --results-dir is a clear 104, not a
// stack trace after a minute of load; the run folder is then claimed atomically (mkdir without
// `recursive`), so two runs with one --run-id can never write into one folder. Runs in: Node.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunConfig } from '../../config.ts';
import { ConfigError } from '../../errors.ts';

/** Problems with the results root and the run folder (empty: go). Creates the root if missing. */
export async function checkResultsFolder(config: RunConfig): Promise<string[]> {
  const root = config.resultsRoot;
  const label = `--results-dir / C4ANG_PERF_RESULTS (${root})`;
  if ((await stat(root).catch(() => undefined))?.isFile()) return [`${label}: is a file, not a folder`];
  try {
    await mkdir(root, { recursive: true });
  } catch (error) {
    return [`${label}: cannot create it (${(error as NodeJS.ErrnoException).code ?? error})`];
  }
  // access(W_OK) says yes on a read-only mount as root; only a real write tells.
  const probe = path.join(root, `.write-probe-${process.pid}`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    return [`${label}: not writable (${(error as NodeJS.ErrnoException).code ?? error})`];
  }
  if (await exists(config.resultsDir)) return [alreadyUsed(config)];
  return [];
}

/** Create the run's folder; fails if another run took the same id a moment ago. */
export async function claimRunFolder(config: RunConfig): Promise<void> {
  try {
    await mkdir(config.resultsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new ConfigError('cannot start the run:', [alreadyUsed(config)]);
    throw error;
  }
}

function alreadyUsed(config: RunConfig): string {
  return `--run-id / RUN_ID "${config.runId}": ${config.resultsDir} already exists; run ids are never reused (pick another, or omit it for a fresh one)`;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
