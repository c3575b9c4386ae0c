import { describe, expect, it } from 'vitest';
import { formatDurationMs, parseDurationMs } from '../../../src/runner/options/duration.ts';

describe('parseDurationMs', () => {
  it.each([
    ['1m30s', 90_000],
    ['500ms', 500],
    ['2h', 7_200_000],
    ['1.5s', 1500],
    ['1h2m3s4ms', 3_723_004],
    ['30', 30_000],
    ['0s', 0],
    [250, 250],
    ['1d', 86_400_000],
    ['100us', 0.1],
  ])('%s → %s ms', (input, expected) => {
    expect(parseDurationMs(input)).toBeCloseTo(expected as number, 6);
  });

  it.each([['abc'], ['10x'], [''], ['-1s'], [-5], [null], ['1s 2s'], [Number.NaN]])('rejects %s', (input) => {
    expect(parseDurationMs(input)).toBeUndefined();
  });
});

describe('formatDurationMs', () => {
  it.each([
    [500, '500ms'],
    [90_000, '1m30s'],
    [3_723_000, '1h2m3s'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });
});
