import { describe, expect, it } from 'vitest';
import { CounterSink } from '../../../../src/runner/metrics/counter-sink.ts';
import { GaugeSink } from '../../../../src/runner/metrics/gauge-sink.ts';
import { RateSink } from '../../../../src/runner/metrics/rate-sink.ts';
import { RAW_LIMIT, SecondTrendSink } from '../../../../src/runner/metrics/second-trend-sink.ts';
import { percentileOf, TrendSink } from '../../../../src/runner/metrics/trend-sink.ts';

/** Exact percentile of sorted values (nearest rank), what HDR approximates within 0.1 %. */
function exactPercentile(sorted: number[], pct: number): number {
  const rank = Math.max(1, Math.ceil((pct / 100) * sorted.length));
  return sorted[rank - 1]!;
}

describe('CounterSink', () => {
  it('sums values and divides by test seconds for rate', () => {
    const sink = new CounterSink();
    for (const v of [1, 2, 3.5]) sink.add(v);
    expect(sink.count).toBe(3);
    expect(sink.value('count', 2000)).toBe(6.5);
    expect(sink.value('rate', 2000)).toBe(3.25);
    expect(sink.value('rate', 0)).toBe(0);
    expect(sink.value('avg', 1000)).toBeUndefined();
  });
});

describe('GaugeSink', () => {
  it('keeps the last value by time plus min and max', () => {
    const sink = new GaugeSink();
    sink.add(5, 1000);
    sink.add(-2, 3000);
    sink.add(9, 2000); // older than the -2 sample: not "last"
    expect(sink.value('value')).toBe(-2);
    expect(sink.value('min')).toBe(-2);
    expect(sink.value('max')).toBe(9);
  });
});

describe('RateSink', () => {
  it('is the fraction of non-zero samples', () => {
    const sink = new RateSink();
    for (const v of [1, 0, 1, 1, 0.5, 0]) sink.add(v);
    expect(sink.value('rate')).toBeCloseTo(4 / 6, 12);
    expect(sink.value('passes')).toBe(4);
    expect(sink.value('fails')).toBe(2);
    expect(new RateSink().value('rate')).toBe(0);
  });
});

describe('TrendSink', () => {
  it('has exact avg/min/max and percentiles within HDR precision', () => {
    const sink = new TrendSink();
    const values: number[] = [];
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const v = 1 + (seed / 2 ** 31) * 900 + (i % 100 === 0 ? 4000 : 0);
      values.push(v);
      sink.add(v);
    }
    const sorted = [...values].sort((a, b) => a - b);
    expect(sink.value('avg')).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
    expect(sink.value('min')).toBe(sorted[0]);
    expect(sink.value('max')).toBe(sorted.at(-1));
    expect(sink.value('count')).toBe(20_000);
    for (const [stat, pct] of [
      ['med', 50],
      ['p(90)', 90],
      ['p(95)', 95],
      ['p(99.9)', 99.9],
      ['p(0)', 0],
      ['p(100)', 100],
    ] as const) {
      const exact = exactPercentile(sorted, pct);
      expect(Math.abs((sink.value(stat) as number) - exact) / exact, stat).toBeLessThan(0.002);
    }
  });

  it('follows k6 for empty and single-sample trends', () => {
    expect(new TrendSink().value('p(95)')).toBe(0);
    expect(new TrendSink().value('avg')).toBe(0);
    const one = new TrendSink();
    one.add(12.345);
    expect(one.value('p(95)')).toBe(12.345);
    expect(one.value('med')).toBe(12.345);
  });

  it('keeps a bounded histogram footprint however many samples it records', () => {
    const sink = new TrendSink();
    for (let i = 0; i < 10_000; i++) sink.add((i % 5000) / 10);
    const footprintAfter1e4 = sink.footprintBytes;
    for (let i = 0; i < 1_000_000; i++) sink.add((i % 5000) / 10);
    expect(sink.count).toBe(1_010_000);
    expect(sink.footprintBytes).toBe(footprintAfter1e4);
    expect(sink.footprintBytes).toBeLessThan(64 * 1024);
  });

  it('round-trips through a delta (encoded histogram) without changing stats', () => {
    const a = new TrendSink();
    for (let i = 1; i <= 1000; i++) a.add(i / 3);
    const expected = ['avg', 'min', 'max', 'med', 'p(95)'].map((s) => a.value(s));
    const b = new TrendSink();
    b.mergeDelta(a.takeDelta());
    expect(a.count).toBe(0);
    expect(['avg', 'min', 'max', 'med', 'p(95)'].map((s) => b.value(s))).toEqual(expected);
  });

  it.each([
    ['med', 50],
    ['p(95)', 95],
    ['p(99.9)', 99.9],
    ['p(0)', 0],
    ['p(100)', 100],
    ['p(101)', undefined],
    ['p(abc)', undefined],
    ['p95', undefined],
  ])('percentileOf(%s) = %s', (stat, pct) => {
    expect(percentileOf(stat)).toBe(pct);
  });
});

describe('SecondTrendSink', () => {
  it('gives exact nearest-rank percentiles while small', () => {
    const sink = new SecondTrendSink();
    for (const v of [5, 1, 4, 2, 3]) sink.add(v);
    expect(sink.seriesValues()).toEqual({
      count: 5,
      avg: 3,
      min: 1,
      max: 5,
      'p(50)': 3,
      'p(90)': 5,
      'p(95)': 5,
      'p(99)': 5,
    });
    expect(sink.value('p(20)')).toBe(1);
    expect(sink.value('p(40)')).toBe(2);
  });

  it('spills into a histogram past the raw limit and merges raw and encoded deltas', () => {
    const big = new SecondTrendSink();
    for (let i = 1; i <= RAW_LIMIT + 500; i++) big.add(i);
    const bigDelta = big.takeDelta();
    expect(bigDelta.kind === 'trend' && bigDelta.values).toBeUndefined();
    const small = new SecondTrendSink();
    for (let i = 1; i <= 10; i++) small.add(10_000 + i);
    const merged = new SecondTrendSink();
    merged.mergeDelta(structuredClone(small.takeDelta()));
    merged.mergeDelta(structuredClone(bigDelta));
    expect(merged.count).toBe(RAW_LIMIT + 510);
    expect(merged.value('min')).toBe(1);
    expect(merged.value('max')).toBe(10_010);
    expect(merged.value('p(50)')).toBeCloseTo((RAW_LIMIT + 510) / 2, -1);
    expect(merged.value('p(100)')).toBe(10_010);
  });
});
