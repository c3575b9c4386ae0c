// The project's one duration module: duration values to milliseconds and back, plus the scaling rules
// of LOAD_SCALE / VU_SCALE. Pure TS, no imports. Runs in: VU and Node.
//
// The contract of `parseDurationMs` is k6's (lib/types: ParseExtendedDuration, GetDurationValue),
// which is Go's `time.ParseDuration` plus two k6 additions:
//   - a string is a Go duration: one or more <decimal><unit> with unit ns, us, µs, ms, s, m or h,
//     e.g. "1h2m3.5s", "300ms", "1.5s", ".5s", "2us", "2µs", "10ns"; Go's bare "0" is 0;
//   - k6 addition: whole days may lead it, "1d", "1d12h" (days are 24 h);
//   - k6 addition: a plain number is milliseconds, as a number (`duration: 30000`, `timeout: 500`) and
//     as a string of a decimal ("1500" = 1.5 s), the way k6 reads option values and http timeouts;
//   - never negative, no sign, no spaces, no empty string: all of these are invalid.
// Chaos Mesh reads its durations with Go's `time.ParseDuration` itself (no days, no unitless numbers):
// `tryParseGoDurationMs` is that subset of the same grammar, for validating chaos manifests.

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3, // U+00B5 micro sign
  μs: 1e-3, // U+03BC Greek mu (Go accepts both)
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const DAY_MS = 86_400_000;
const DECIMAL = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const UNIT = '(?:ns|us|µs|μs|ms|s|m|h)';
const GO_WHOLE = new RegExp(`^(?:${DECIMAL}${UNIT})+$`);
const GO_PART = new RegExp(`(${DECIMAL})(${UNIT})`, 'g');
const PLAIN_NUMBER = new RegExp(`^${DECIMAL}$`);
const LEADING_DAYS = /^(\d+)d(.*)$/;

/** Milliseconds of a Go duration (Go's own syntax, as Chaos Mesh reads it), or undefined. */
export function tryParseGoDurationMs(text: string): number | undefined {
  if (text === '0') return 0;
  if (!GO_WHOLE.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(GO_PART)) total += Number(match[1]) * (UNIT_MS[match[2]] as number);
  return total;
}

/** Milliseconds of a k6 duration (the contract above), or undefined when `value` is not one. */
export function tryParseDurationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (PLAIN_NUMBER.test(value)) return Number(value);
  const days = LEADING_DAYS.exec(value);
  if (!days) return tryParseGoDurationMs(value);
  const rest = days[2] === '' ? 0 : tryParseGoDurationMs(days[2] as string);
  return rest === undefined ? undefined : Number(days[1]) * DAY_MS + rest;
}

/** Milliseconds of a k6 duration (the contract above); throws naming the bad value. */
export function parseDurationMs(value: string | number): number {
  const ms = tryParseDurationMs(value);
  if (ms === undefined)
    throw new Error(
      `invalid duration ${JSON.stringify(value)} (expected e.g. "30s", "5m", "1h30m", "250ms", or a number of ms)`,
    );
  return ms;
}

/**
 * A Go/k6 duration string for `ms`, rounded to whole milliseconds, zero units left out: 250 → "250ms",
 * 1500 → "1.5s", 90_000 → "1m30s", 3_723_000 → "1h2m3s"; 0, negative and non-finite → "0s". Every
 * output parses back with both parsers above.
 */
export function formatDurationMs(ms: number): string {
  const whole = Number.isFinite(ms) ? Math.max(0, Math.round(ms)) : 0;
  if (whole === 0) return '0s';
  if (whole < 1000) return `${whole}ms`;
  const hours = Math.floor(whole / 3_600_000);
  const minutes = Math.floor((whole % 3_600_000) / 60_000);
  const seconds = (whole % 60_000) / 1000;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}`;
}

/** Scale a duration by `loadScale` (0..1], never below `floorMs`, as a duration string. */
export function scaleDuration(text: string, loadScale: number, floorMs = 0): string {
  return formatDurationMs(Math.max(floorMs, parseDurationMs(text) * loadScale));
}

/** Scale a VU count or arrival rate by `vuScale`, keeping at least 1 so no stage disappears. */
export function scaleCount(count: number, vuScale: number): number {
  return count === 0 ? 0 : Math.max(1, Math.round(count * vuScale));
}
