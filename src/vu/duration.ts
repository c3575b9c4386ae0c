// k6 duration strings ("1h30m", "10s", "250ms") to milliseconds and back, plus the scaling rules of
// LOAD_SCALE / VU_SCALE. Pure TS, no imports. Runs in: VU and Node.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds in a k6 duration string; throws naming the bad value. */
export function parseDurationMs(text: string): number {
  const parts = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(text)
    ? text.match(/\d+(?:\.\d+)?(?:ms|s|m|h)/g)
    : null;
  if (!parts) throw new Error(`invalid duration "${text}" (expected e.g. "30s", "5m", "1h30m", "250ms")`);
  return parts.reduce((total, part) => {
    const unit = part.endsWith('ms') ? 'ms' : part.slice(-1);
    return total + Number.parseFloat(part) * UNIT_MS[unit];
  }, 0);
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
