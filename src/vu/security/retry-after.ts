// Reads a Retry-After header value (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. The rate-limit
// probe needs it both ways: present and well-formed on every 429, and how long to wait before it
// checks that the client is served again. Pure. Runs in: VU and Node.

/** Seconds to wait, or undefined when the value is absent or malformed. `nowMs` for the date form. */
export function parseRetryAfter(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT": a weekday and GMT make a date, not a guess.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
