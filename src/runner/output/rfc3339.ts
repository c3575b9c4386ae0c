// RFC 3339 timestamps with nanosecond fractions, as Go's time.Time marshals them in k6's JSON output
// (`2017-05-09T14:34:45.625742514+02:00`; trailing fraction zeros dropped). Runs in: Node (any thread).

/** `YYYY-MM-DDTHH:MM:SS` (UTC) of a unix second; callers cache it per second. */
export function secondPrefix(second: number): string {
  return new Date(second * 1000).toISOString().slice(0, 19);
}

/** `.nnnnnnnnnZ` (zeros trimmed) or `Z`: the part of `timeMs` after `second`, truncated to ns. */
export function nanosSuffix(timeMs: number, second: number): string {
  const nanos = Math.min(999_999_999, Math.floor((timeMs - second * 1000) * 1e6));
  if (nanos <= 0) return 'Z';
  return `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}Z`;
}

/** Epoch ms (fractional ok) → UTC RFC3339Nano. Fractions are truncated so the second never changes. */
export function formatRfc3339Nano(timeMs: number): string {
  const second = Math.floor(timeMs / 1000);
  return secondPrefix(second) + nanosSuffix(timeMs, second);
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|z|[+-]\d{2}:\d{2})$/;

/** RFC 3339 (any offset, up to 9 fraction digits) → epoch ms (fractional); NaN if malformed. */
export function parseRfc3339(text: string): number {
  const match = RFC3339.exec(text);
  if (match === null) return Number.NaN;
  const zone = match[3] === 'z' ? 'Z' : match[3];
  const wholeMs = Date.parse(`${match[1]}${zone}`);
  return match[2] === undefined ? wholeMs : wholeMs + Number(`0${match[2]}`) * 1000;
}
