// Chaos Mesh durations are Go durations (`30s`, `1m30s`, `250ms`, `1.5h`): the project's one parser
// and formatter live in src/vu/duration.ts (pure, shared with VU code); this names them for chaos code.
// Node side; pure.
import { formatDuration, parseGoDurationMs } from '../vu/duration.ts';

/** Milliseconds of a Go duration (no sign), or undefined when the text is not one. */
export const parseDurationMs: (text: string) => number | undefined = parseGoDurationMs;

/** A Go duration string for a millisecond count (`90000` → `1m30s`, `250` → `250ms`). */
export function formatDurationMs(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? formatDuration(ms) : '0s';
}
