// Go-style duration strings as Chaos Mesh parses them (`30s`, `1m30s`, `250ms`, `1.5h`), to and
// from milliseconds. Node side; pure.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|μs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g;

/** Milliseconds of a Go duration (no sign), or undefined when the text is not one. */
export function parseDurationMs(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(PART)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  return total;
}

/** A Go duration string for a millisecond count (`90000` → `1m30s`, `250` → `250ms`). */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  const rounded = Math.round(ms);
  if (rounded < 1000) return `${rounded}ms`;
  let rest = rounded;
  let text = '';
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  if (hours) text += `${hours}h`;
  if (minutes) text += `${minutes}m`;
  if (rest) text += `${rest / 1000}s`;
  return text || '0s';
}
