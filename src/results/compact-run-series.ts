// Lifecycle phase "compact", also run by `npm run report` for a run killed before its end: a run
// longer than an hour keeps its first hour and every chaos fault (± 5 minutes) per second and the
// rest per minute, gzipped, so a 24 h soak leaves a series the report reads in seconds. Shorter runs
// stay plain NDJSON. Runs in: Node.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChaosFile } from './build-verdict.ts';
import { compactTimeSeries } from './compact-timeseries.ts';
import { TIME_SERIES_FILE } from './timeseries-file.ts';

/** Per-second data kept on each side of a chaos fault once a long run's series is compacted. */
const KEEP_AROUND_FAULT_MS = 300_000;

/** Compacts results/<runId>/timeseries.ndjson in place when the run was long; never throws. */
export async function compactRunSeries(resultsDir: string, log: (line: string) => void): Promise<void> {
  const seriesPath = path.join(resultsDir, TIME_SERIES_FILE);
  if (!existsSync(seriesPath)) return;
  try {
    const chaos = await readFile(path.join(resultsDir, 'chaos.json'), 'utf8')
      .then((text) => JSON.parse(text) as ChaosFile)
      .catch(() => undefined);
    const nowMs = Date.now();
    const keepPerSecond = (chaos?.experiments ?? []).flatMap((e) =>
      e.injectedAt
        ? [
            {
              fromMs: Date.parse(e.injectedAt) - KEEP_AROUND_FAULT_MS,
              toMs: (e.recoveredAt ? Date.parse(e.recoveredAt) : nowMs) + KEEP_AROUND_FAULT_MS,
            },
          ]
        : [],
    );
    const result = await compactTimeSeries(seriesPath, { keepPerSecond });
    if (result.compacted)
      log(
        `time series compacted: ${result.linesIn} → ${result.linesOut} lines (${path.basename(result.path)})`,
      );
  } catch (error) {
    // The plain file is still complete and readable: only its size is at stake.
    log(`time series left uncompacted: ${(error as Error).message}`);
  }
}
