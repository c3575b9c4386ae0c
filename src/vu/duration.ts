// Duration strings in Go's syntax ("1h30m", "10s", "250ms", "1.5h") — what both k6 and Chaos Mesh
// accept — to milliseconds and back, plus the scaling rules of LOAD_SCALE / VU_SCALE. The one
// duration parser of the project. Pure TS, no imports. Runs in: VU and Node.

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const WHOLE = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/** Milliseconds of an unsigned Go duration, or undefined when `text` is not one. */
export function parseGoDurationMs(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(PART)) total += Number(match[1]) * (UNIT_MS[match[2]] as number);
  return total;
}

/** Milliseconds in a duration string; throws naming the bad value. */
export function parseDurationMs(text: string): number {
  const ms = parseGoDurationMs(text);
  if (ms === undefined)
    throw new Error(`invalid duration "${text}" (expected e.g. "30s", "5m", "1h30m", "250ms")`);
  return ms;
}

/** A k6 duration string for `ms`, rounded to whole milliseconds ("90s", "1m30s" style for readability). */
export function formatDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole % 1000 !== 0) return `${whole}ms`;
  let seconds = whole / 1000;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const text = `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}`;
  return text || '0s';
}

/** Scale a duration string by `loadScale` (0..1], never below `floorMs`. */
export function scaleDuration(text: string, loadScale: number, floorMs = 0): string {
  return formatDuration(Math.max(floorMs, parseDurationMs(text) * loadScale));
}

/** Scale a VU count or arrival rate by `vuScale`, keeping at least 1 so no stage disappears. */
export function scaleCount(count: number, vuScale: number): number {
  return count === 0 ? 0 : Math.max(1, Math.round(count * vuScale));
}
