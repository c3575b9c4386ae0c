// The orchestrator's log: one `[c4ang-perf]` line per event, stamped with the time into the run
// (`+12.3s`) once the run's start is known, and written above the local runner's live progress line
// rather than glued onto it. Runs in: Node (scripts/load.ts creates it, src/orchestrate calls it).
import { formatRunOffset } from '../results/format-values.ts';
import { liveLineOf, type TextSink } from '../runner/live-line.ts';

export type RunLog = (line: string) => void;

export interface RunLogOptions {
  /** Unix ms the run (load) started, undefined before; lines get a `+t` stamp from then on. */
  readonly startedAtMs?: () => number | undefined;
  /** Clock, Unix ms; tests pass a fixed one. */
  readonly nowMs?: () => number;
}

export function createRunLog(stream: TextSink, options: RunLogOptions = {}): RunLog {
  const live = liveLineOf(stream);
  const nowMs = options.nowMs ?? Date.now;
  return (line) => {
    const startedAtMs = options.startedAtMs?.();
    const stamp = startedAtMs === undefined ? '' : `${formatRunOffset(nowMs() - startedAtMs)} `;
    live.writeAbove(`[c4ang-perf] ${stamp}${line}\n`);
  };
}
