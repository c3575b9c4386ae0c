// Phase 9, write: run.json gets its final status and exit code, results/history.ndjson its line,
// and the live-run file goes (the run is no longer a crash candidate). Last of all, so every earlier
// artefact is on disk before the run stops being "running". Each step is tried even when an earlier
// one failed; a file that could not be written (disk full) ends the run with exit 1 and one
// `cannot write <file>: <reason>` line each, not a stack. Runs in: Node.
import path from 'node:path';
import type { RunConfig } from '../../config.ts';
import { HarnessError } from '../../errors.ts';
import { ExitCode } from '../../exit-codes.ts';
import type { Verdict } from '../../results/types.ts';
import { describeWriteFailure } from '../../results/write-failures.ts';
import type { LiveRunHandle } from '../live-runs.ts';
import { appendHistory, type RunRecord, writeRunRecord } from '../run-record.ts';

export async function writeRunOutcome(
  config: RunConfig,
  record: RunRecord,
  verdict: Verdict | undefined,
  liveRun: LiveRunHandle,
): Promise<void> {
  const failures: string[] = [];
  const attempt = async (file: string, write: () => Promise<void>) => {
    try {
      await write();
    } catch (error) {
      if (typeof (error as NodeJS.ErrnoException)?.code !== 'string') throw error;
      failures.push(describeWriteFailure(file, error));
    }
  };
  await attempt(path.join(config.resultsDir, 'run.json'), () => writeRunRecord(config.resultsDir, record));
  await attempt(path.join(config.resultsRoot, 'history.ndjson'), () =>
    appendHistory(config.resultsRoot, record, verdict),
  );
  await liveRun.remove();
  if (failures.length > 0) throw new HarnessError(failures.join('\n'), ExitCode.internal);
}
