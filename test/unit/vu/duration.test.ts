// The one duration module (src/vu/duration.ts): k6's duration contract (Go durations plus days and
// unitless milliseconds), its Go-only subset for Chaos Mesh fields, formatting back, and scaling.
import { describe, expect, it } from 'vitest';
import {
  formatDurationMs,
  parseDurationMs,
  scaleCount,
  scaleDuration,
  tryParseDurationMs,
  tryParseGoDurationMs,
} from '../../../src/vu/duration.ts';

describe('parseDurationMs (k6 contract)', () => {
  it.each<[string | number, number]>([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['500ms', 500],
    ['1.5s', 1500],
    ['.5s', 500],
    ['1.5h', 5_400_000],
    ['2h', 7_200_000],
    ['1h2m3.5s', 3_723_500],
    ['1h2m3s4ms', 3_723_004],
    ['0s', 0],
    ['0', 0],
    ['2us', 0.002],
    ['2µs', 0.002],
    ['2μs', 0.002],
    ['100us', 0.1],
    ['1500ns', 0.0015],
    // k6 additions: whole days in front, and plain numbers as milliseconds.
    ['1d', 86_400_000],
    ['1d12h', 129_600_000],
    ['30', 30],
    ['1500', 1500],
    ['2.5', 2.5],
    [250, 250],
    [0, 0],
  ])('%j → %s ms', (input, expected) => {
    expect(parseDurationMs(input)).toBeCloseTo(expected, 9);
    expect(tryParseDurationMs(input)).toBeCloseTo(expected, 9);
  });

  it.each<unknown>([
    'abc',
    '10x',
    '',
    ' 30s',
    '30 seconds',
    '5minutes',
    's',
    '-1s',
    '+1s',
    '-5',
    '1s 2s',
    '1.5d',
    'd',
    '1d-2h',
    '1e3',
    -5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    null,
    undefined,
    {},
  ])('rejects %j', (input) => {
    expect(tryParseDurationMs(input)).toBeUndefined();
    if (typeof input === 'string' || typeof input === 'number')
      expect(() => parseDurationMs(input)).toThrow(/invalid duration/);
  });
});

describe('tryParseGoDurationMs (Go subset, Chaos Mesh)', () => {
  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
    ['0', 0],
  ])('%s → %d ms', (text, ms) => expect(tryParseGoDurationMs(text)).toBe(ms));

  it.each(['30', '1d', '1d12h', '30 seconds', '-5s', '5minutes', '', 's'])('rejects %j', (text) =>
    expect(tryParseGoDurationMs(text)).toBeUndefined(),
  );
});

describe('formatDurationMs', () => {
  it.each([
    [250, '250ms'],
    [500, '500ms'],
    [1500, '1.5s'],
    [3000, '3s'],
    [90_000, '1m30s'],
    [90_500, '1m30.5s'],
    [3_600_000, '1h'],
    [3_723_000, '1h2m3s'],
    [0.4, '0s'],
    [0, '0s'],
    [-5, '0s'],
    [Number.NaN, '0s'],
  ])('%s ms → %s', (ms, text) => expect(formatDurationMs(ms)).toBe(text));

  it('parses back to the same milliseconds', () => {
    for (const ms of [1, 999, 1000, 1001, 59_999, 60_000, 3_599_999, 3_600_001, 86_400_000, 90_061_001]) {
      expect(parseDurationMs(formatDurationMs(ms))).toBeCloseTo(ms, 6);
      expect(tryParseGoDurationMs(formatDurationMs(ms))).toBeCloseTo(ms, 6);
    }
  });
});

describe('scaling', () => {
  it('scales a duration, never below the floor', () => {
    expect(scaleDuration('10m', 0.5)).toBe('5m');
    expect(scaleDuration('30s', 0.05)).toBe('1.5s');
    expect(scaleDuration('30s', 0.01, 2000)).toBe('2s');
  });
  it('scales counts, keeping at least 1 unless 0', () => {
    expect(scaleCount(100, 0.5)).toBe(50);
    expect(scaleCount(3, 0.01)).toBe(1);
    expect(scaleCount(0, 2)).toBe(0);
  });
});
