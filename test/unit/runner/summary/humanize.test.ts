import { describe, expect, it } from 'vitest';
import {
  humanizeBytes,
  humanizeDuration,
  humanizeRate,
  humanizeValue,
} from '../../../../src/runner/summary/humanize.ts';

describe('humanize', () => {
  it.each([
    [0, '0s'],
    [0.0005, '500ns'],
    [0.0125, '12.5µs'],
    [0.5, '500µs'],
    [1, '1ms'],
    [123.456, '123.46ms'],
    [999.994, '999.99ms'],
    [2500, '2.5s'],
    [90_000, '1m30s'],
    [95_550, '1m35.5s'],
    [3_723_000, '1h2m3s'],
  ])('duration %s ms → %s', (ms, text) => {
    expect(humanizeDuration(ms)).toBe(text);
  });

  it('uses a fixed unit when summaryTimeUnit is set', () => {
    expect(humanizeDuration(1234.5, 's')).toBe('1.23s');
    expect(humanizeDuration(1.5, 'ms')).toBe('1.50ms');
    expect(humanizeDuration(1.5, 'us')).toBe('1500.00µs');
  });

  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1234, '1.2 kB'],
    [56_789, '57 kB'],
    [12_345_678, '12 MB'],
    [3.2e9, '3.2 GB'],
  ])('bytes %s → %s', (bytes, text) => {
    expect(humanizeBytes(bytes)).toBe(text);
  });

  it('truncates rates instead of rounding', () => {
    expect(humanizeRate(0.99999)).toBe('99.99%');
    expect(humanizeRate(1)).toBe('100.00%');
    expect(humanizeRate(0)).toBe('0.00%');
    expect(humanizeRate(0.00019)).toBe('0.01%');
  });

  it('formats by metric type and contents', () => {
    expect(humanizeValue(0.5, { type: 'rate', contains: 'default' })).toBe('50.00%');
    expect(humanizeValue(12, { type: 'trend', contains: 'time' })).toBe('12ms');
    expect(humanizeValue(2048, { type: 'counter', contains: 'data' })).toBe('2.0 kB');
    expect(humanizeValue(1 / 3, { type: 'counter', contains: 'default' })).toBe('0.333333');
  });
});
