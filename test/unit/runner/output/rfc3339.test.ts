import { describe, expect, it } from 'vitest';
import { formatRfc3339Nano, parseRfc3339 } from '../../../../src/runner/output/rfc3339.ts';

describe('RFC 3339 times', () => {
  it.each([
    [Date.UTC(2024, 4, 9, 12, 34, 45), '2024-05-09T12:34:45Z'],
    [Date.UTC(2024, 4, 9, 12, 34, 45, 500), '2024-05-09T12:34:45.5Z'],
    [Date.UTC(2024, 4, 9, 12, 34, 45, 1) + 0.25, '2024-05-09T12:34:45.00125Z'],
  ])('formats %s as %s (trailing zeros trimmed, like Go)', (ms, text) => {
    expect(formatRfc3339Nano(ms)).toBe(text);
  });

  it('never moves a time into the next second', () => {
    const almost = Date.UTC(2024, 0, 1, 0, 0, 0, 999) + 0.999;
    expect(formatRfc3339Nano(almost).startsWith('2024-01-01T00:00:00.999')).toBe(true);
  });

  it.each([
    ['2024-05-09T14:34:45.625742514+02:00', Date.UTC(2024, 4, 9, 12, 34, 45) + 625.742514],
    ['2024-05-09T12:34:45Z', Date.UTC(2024, 4, 9, 12, 34, 45)],
    ['2024-05-09T07:34:45.1-05:00', Date.UTC(2024, 4, 9, 12, 34, 45, 100)],
  ])('parses %s', (text, ms) => {
    expect(parseRfc3339(text)).toBeCloseTo(ms, 5);
  });

  it('rejects malformed times', () => {
    expect(parseRfc3339('2024-05-09 12:34:45')).toBeNaN();
    expect(parseRfc3339('')).toBeNaN();
  });
});
