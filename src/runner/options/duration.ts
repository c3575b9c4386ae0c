// k6 duration strings ('1m30s', '500ms', '2h', '1.5s', '1d') → milliseconds. Plain numbers are ms, as
// in k6's JS options. Runs in: Node (runner main thread and workers).
import { parseGoDurationMs } from '../../vu/duration.ts';

/** k6 extends Go durations with days (`1d12h`); the Go part is the project's one parser. */
const DAYS = /^(\d+(?:\.\d+)?)d(.*)$/;

/** Parse a k6 duration; returns undefined when the value is not a valid non-negative duration. */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000; // bare number string: seconds, like Go/k6 CLI
  const days = DAYS.exec(text);
  if (!days) return parseGoDurationMs(text);
  const rest = days[2] === '' ? 0 : parseGoDurationMs(days[2] as string);
  return rest === undefined ? undefined : Number(days[1]) * 86_400_000 + rest;
}

/** Format ms the way k6 prints durations ('1m30s', '500ms'). */
export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round((totalSeconds % 60) * 10) / 10;
  return `${hours ? `${hours}h` : ''}${hours || minutes ? `${minutes}m` : ''}${seconds}s`;
}
