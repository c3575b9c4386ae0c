// Values by unit and criterion limits, as every report prints them.
import { expect, test } from 'vitest';
import {
  formatChange,
  formatLimit,
  formatPlain,
  formatObservation,
  formatRunOffset,
  formatValue,
  lacksData,
  parseLimit,
} from '../../../src/results/format-values.ts';

test.each([
  [0.42, 'ms', '0.42 ms'],
  [4.25, 'ms', '4.25 ms'],
  [412.4, 'ms', '412 ms'],
  [1234, 'ms', '1.2 s'],
  [45_000, 'ms', '45 s'],
  [90_400, 'ms', '90 s'],
  [750_400, 'ms', '12m30s'],
  [0.0035, 'ratio', '0.35 %'],
  [0, 'ratio', '0 %'],
  [0.5, 'ratio', '50 %'],
  [1, 'ratio', '100 %'],
  [0.0000123, 'ratio', '0.0012 %'],
  [123.44, 'rps', '123.4/s'],
  [1234.5, 'rps', '1235/s'],
  [123456, 'count', '123,456'],
  [12.4, 'ms/h', '+12.4 ms/h'],
  [-0.0001, 'ratio/h', '-0.01 %/h'],
  [1_300_000, 'bytes/h', '+1.24 MiB/h'],
  [null, 'ms', 'n/a'],
  [Number.NaN, 'ratio', 'n/a'],
] as const)('%s %s → %s', (value, unit, expected) => {
  expect(formatValue(value, unit)).toBe(expected);
});

test.each([
  ['p(95)<500', 'ms', 'p(95) < 500 ms'],
  ['p(99) < 1000', 'ms', 'p(99) < 1000 ms'],
  ['rate<0.001', 'ratio', 'rate < 0.1 %'],
  ['rate>=95', 'rps', 'rate ≥ 95/s'],
  ['count==0', 'count', 'count = 0'],
  ['≤ 60 s', 'ms', '≤ 60 s'],
  ['<= 60000', 'ms', '≤ 60 s'],
] as const)('limit %s (%s) → %s', (limit, unit, expected) => {
  expect(formatLimit(limit, unit)).toBe(expected);
});

test('parseLimit reads aggregation, comparator and value; prose is not a bare limit', () => {
  expect(parseLimit('p(95)<500')).toEqual({ aggregation: 'p(95)', comparator: '<', value: 500 });
  expect(parseLimit('≤ 60 s')).toBeNull();
});

test('the observation sign is the numeric relation, whichever way the limit points', () => {
  expect(formatObservation({ observed: 612, limit: 'p(95)<500', unit: 'ms' })).toBe(
    'observed 612 ms > limit 500 ms',
  );
  expect(formatObservation({ observed: 80, limit: 'rate>=95', unit: 'rps' })).toBe(
    'observed 80/s < limit 95/s',
  );
  expect(formatObservation({ observed: 75_000, limit: '≤ 60 s', unit: 'ms' })).toBe(
    'observed 75 s vs limit ≤ 60 s',
  );
});

test('lacksData: observed null or reason "no data"', () => {
  expect(lacksData({ observed: null, status: 'pass' })).toBe(true);
  expect(lacksData({ observed: 1, status: 'inconclusive', inconclusive: 'no data' })).toBe(true);
  expect(lacksData({ observed: 1, status: 'inconclusive', inconclusive: 'generator overloaded' })).toBe(
    false,
  );
});

test('run offsets: tenths of a second, then whole seconds from a minute', () => {
  expect(formatRunOffset(12_345)).toBe('+12.3s');
  expect(formatRunOffset(-5)).toBe('+0.0s');
  expect(formatRunOffset(3_725_400)).toBe('+1h2m5s');
});

test.each([
  [0.123, 'ms', '+12.3 %'],
  [-0.05, 'rps', '−5.0 %'],
  [0, 'ms', '±0.0 %'],
  [0.4, 'ratio', '+0.40 pt'],
  [-1.25, 'ratio', '−1.25 pt'],
  [null, 'ms', 'n/a'],
] as const)('a change of %s (%s) from the baseline reads %j', (change, unit, text) => {
  expect(formatChange(change, unit)).toBe(text);
});

test.each([
  [612.345, '612.3'],
  [13.75, '13.75'],
  [12345, '12345'],
  [0.00123456, '0.001235'],
])('%s as a plain number reads %j', (value, text) => {
  expect(formatPlain(value)).toBe(text);
});
