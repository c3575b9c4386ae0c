// Compaction of a long run's series: the first span and kept windows per second, coarse lines for
// the rest with exact counts, gauges and trend aggregates, percentiles from summed buckets (close
// without them), short or already compressed series left alone, and crash safety (the original
// stays until the compacted file is complete; leftovers of an interrupted compaction replaced).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { compactTimeSeries } from '../../../src/results/compact-timeseries.ts';
import { bucketOf, latencyBucketPairs } from '../../../src/results/latency-histogram.ts';
import { isGzipFile, readTimeSeries, type TimeSeriesLine } from '../../../src/results/timeseries-file.ts';
import {
  T0,
  SECONDS,
  OPTIONS,
  SITES,
  latencies,
  percentile,
  syntheticSeries,
} from './compact-series-fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'compact-timeseries-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let cases = 0;

function writeSeries(lines: readonly TimeSeriesLine[], extra = ''): string {
  const runDir = join(root, `case-${++cases}`);
  mkdirSync(runDir);
  const path = join(runDir, 'timeseries.ndjson');
  writeFileSync(path, lines.map((line) => `${JSON.stringify(line)}\n`).join('') + extra);
  return path;
}

async function readAll(path: string): Promise<TimeSeriesLine[]> {
  const lines: TimeSeriesLine[] = [];
  for await (const line of readTimeSeries(path)) lines.push(line);
  return lines;
}

const keyOf = (line: TimeSeriesLine) => `${line.metric} ${JSON.stringify(line.tags)}`;

function totals(lines: readonly TimeSeriesLine[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of lines) {
    for (const stat of ['count', 'passes', 'fails']) {
      const value = line.values[stat];
      if (typeof value === 'number')
        sums[`${keyOf(line)} ${stat}`] = (sums[`${keyOf(line)} ${stat}`] ?? 0) + value;
    }
  }
  return sums;
}

describe('compactTimeSeries', () => {
  const input = syntheticSeries();

  it('keeps the first span and the kept windows per second and merges the rest into coarse lines', async () => {
    const path = writeSeries(input);
    const result = await compactTimeSeries(path, OPTIONS);
    expect(result).toMatchObject({ path: `${path}.gz`, compacted: true, linesIn: input.length });
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.gz.partial`)).toBe(false);
    expect(await isGzipFile(result.path)).toBe(true);

    const output = await readAll(result.path);
    expect(result.linesOut).toBe(output.length);
    const perSecond = (t: number) => output.filter((line) => line.t === t && line.span === undefined);
    // First 10 s and the span 20..24 around the kept window (widened to whole spans) stay as written.
    for (const s of [0, 9, 20, 22, 24])
      expect(perSecond(T0 + s)).toEqual(input.filter((l) => l.t === T0 + s));
    const coarse = output.filter((line) => line.span !== undefined);
    expect([...new Set(coarse.map((line) => line.t - T0))]).toEqual([10, 15, 25, 30, 35]);
    expect(coarse.filter((line) => line.t === T0 + 35).every((line) => line.span === 3)).toBe(true);
    expect(coarse.filter((line) => line.t < T0 + 35).every((line) => line.span === 5)).toBe(true);
    expect(output.every((line, i) => i === 0 || line.t >= output[i - 1].t)).toBe(true);
    // One coarse line per span and series.
    expect(coarse.length).toBe(5 * (SITES.length * 3 + 1));
  });

  it('preserves counts, passes and fails exactly and recomputes the derived rates', async () => {
    const result = await compactTimeSeries(writeSeries(input), OPTIONS);
    const output = await readAll(result.path);
    expect(totals(output)).toEqual(totals(input));
    for (const line of output.filter((l) => l.span !== undefined)) {
      const span = line.span ?? 1;
      if (line.type === 'counter') expect(line.values.rate).toBeCloseTo(line.values.count / span, 9);
      if (line.type === 'rate')
        expect(line.values.rate).toBeCloseTo(
          line.values.passes / (line.values.passes + line.values.fails),
          9,
        );
    }
  });

  it('keeps gauges as last value with exact min and max, and trends with exact count, avg, min, max', async () => {
    const result = await compactTimeSeries(writeSeries(input), OPTIONS);
    const output = await readAll(result.path);
    const span = (t: number) => input.filter((line) => line.t >= T0 + t && line.t < T0 + t + 5);
    const vus = output.find((line) => line.metric === 'vus' && line.t === T0 + 10);
    const vusIn = span(10).filter((line) => line.metric === 'vus');
    expect(vus?.values).toEqual({
      value: vusIn[vusIn.length - 1].values.value,
      min: Math.min(...vusIn.map((l) => l.values.min)),
      max: Math.max(...vusIn.map((l) => l.values.max)),
    });
    const trend = output.find(
      (line) => line.metric === 'http_req_duration' && line.t === T0 + 15 && line.span,
    )!;
    const trendIn = span(15).filter(
      (line) => line.metric === 'http_req_duration' && keyOf(line) === keyOf(trend),
    );
    const count = trendIn.reduce((a, l) => a + l.values.count, 0);
    expect(trend.values.count).toBe(count);
    expect(trend.values.avg).toBeCloseTo(
      trendIn.reduce((a, l) => a + l.values.avg * l.values.count, 0) / count,
      9,
    );
    expect(trend.values.min).toBe(Math.min(...trendIn.map((l) => l.values.min)));
    expect(trend.values.max).toBe(Math.max(...trendIn.map((l) => l.values.max)));
    expect(Object.keys(trend.values)).toEqual([
      'count',
      'avg',
      'min',
      'max',
      'p(50)',
      'p(90)',
      'p(95)',
      'p(99)',
    ]);
  });

  it('estimates the percentiles of a coarse span close to those of its raw samples', async () => {
    const result = await compactTimeSeries(writeSeries(input), OPTIONS);
    const output = await readAll(result.path);
    for (const line of output.filter((l) => l.metric === 'http_req_duration' && l.span === 5)) {
      const site = SITES.findIndex((tags) => tags.op === line.tags.op);
      const samples: number[] = [];
      for (let s = line.t - T0; s < line.t - T0 + 5; s++) samples.push(...latencies(s, site));
      samples.sort((a, b) => a - b);
      for (const p of [50, 90, 95]) {
        const exact = percentile(samples, p);
        // Without stored buckets, each second is rebuilt from its five percentiles, not its samples
        // (latency-histogram.ts): on this skewed spread that is off by up to ~15 %.
        const error = Math.abs(line.values[`p(${p})`] - exact) / exact;
        expect(error, `p(${p}) at ${line.t - T0}`).toBeLessThan(0.2);
      }
    }
  });

  it('sums the stored buckets of trend lines exactly and reads the percentiles from them', async () => {
    const withBuckets = input.map((line) => {
      if (line.metric !== 'http_req_duration') return line;
      const site = SITES.findIndex((tags) => tags.op === line.tags.op);
      return { ...line, hist: latencyBucketPairs(latencies(line.t - T0, site)) };
    });
    const result = await compactTimeSeries(writeSeries(withBuckets), OPTIONS);
    const coarse = (await readAll(result.path)).filter(
      (l) => l.metric === 'http_req_duration' && l.span === 5,
    );
    expect(coarse).toHaveLength(4 * SITES.length);
    for (const line of coarse) {
      const site = SITES.findIndex((tags) => tags.op === line.tags.op);
      const samples: number[] = [];
      for (let s = line.t - T0; s < line.t - T0 + 5; s++) samples.push(...latencies(s, site));
      expect(line.hist).toEqual(latencyBucketPairs(samples));
      samples.sort((a, b) => a - b);
      for (const p of [50, 90, 95, 99]) {
        const exact = percentile(samples, p);
        expect(Math.abs(line.values[`p(${p})`] - exact) / exact, `p(${p}) at ${line.t - T0}`).toBeLessThan(
          0.03,
        );
      }
    }
  });

  it('leaves the buckets out of a coarse line when one of its seconds had none', async () => {
    const someBuckets = input.map((line) =>
      line.metric === 'http_req_duration' && line.t !== T0 + 11
        ? { ...line, hist: [bucketOf(line.values.min), line.values.count] }
        : line,
    );
    const result = await compactTimeSeries(writeSeries(someBuckets), OPTIONS);
    const coarse = (await readAll(result.path)).filter(
      (l) => l.metric === 'http_req_duration' && l.span === 5,
    );
    expect(coarse.filter((line) => line.hist === undefined).map((line) => line.t - T0)).toEqual([10, 10]);
  });

  it('leaves a run no longer than the full-resolution span as plain NDJSON', async () => {
    const path = writeSeries(input.filter((line) => line.t < T0 + 10));
    const before = readFileSync(path, 'utf8');
    const result = await compactTimeSeries(path, OPTIONS);
    expect(result).toMatchObject({ path, compacted: false });
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(existsSync(`${path}.gz`)).toBe(false);
  });

  it('leaves an already compressed series alone', async () => {
    const path = writeSeries([]);
    writeFileSync(path, gzipSync(input.map((line) => `${JSON.stringify(line)}\n`).join('')));
    expect(await compactTimeSeries(path, OPTIONS)).toMatchObject({ path, compacted: false });
  });

  it('keeps the original and no partial file when compaction fails midway', async () => {
    const path = writeSeries(input, `{"t":${T0 + SECONDS - 1},"metric":"vus","type":"gauge"\n`);
    const before = readFileSync(path, 'utf8');
    await expect(compactTimeSeries(path, OPTIONS)).rejects.toThrow(/cannot compact the time series/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(existsSync(`${path}.gz`)).toBe(false);
    expect(existsSync(`${path}.gz.partial`)).toBe(false);
  });

  it('replaces the leftover of an interrupted compaction', async () => {
    const path = writeSeries(input);
    writeFileSync(`${path}.gz.partial`, 'torn');
    const result = await compactTimeSeries(path, OPTIONS);
    expect(existsSync(`${path}.gz.partial`)).toBe(false);
    expect(totals(await readAll(result.path))).toEqual(totals(input));
  });

  it('compacts a plain file named .gz in place', async () => {
    const plain = writeSeries(input);
    const path = `${plain}.gz`;
    writeFileSync(path, readFileSync(plain));
    const result = await compactTimeSeries(path, OPTIONS);
    expect(result).toMatchObject({ path, compacted: true });
    expect(await isGzipFile(path)).toBe(true);
    expect(totals(await readAll(path))).toEqual(totals(input));
  });

  it('keeps the sums when a line arrives after its coarse span was written', async () => {
    const late = input.find((line) => line.metric === 'http_reqs' && line.t === T0 + 12)!;
    const shuffled = input.filter((line) => line !== late);
    shuffled.splice(
      shuffled.findIndex((line) => line.t === T0 + 31),
      0,
      late,
    );
    const result = await compactTimeSeries(writeSeries(shuffled), OPTIONS);
    const output = await readAll(result.path);
    expect(totals(output)).toEqual(totals(input));
    expect(output.filter((line) => line.t === T0 + 10 && keyOf(line) === keyOf(late))).toHaveLength(2);
  });

  it('rejects spans that are not whole seconds', async () => {
    const path = writeSeries(input);
    await expect(compactTimeSeries(path, { coarseS: 0 })).rejects.toThrow(/coarseS/);
    await expect(compactTimeSeries(path, { fullResolutionS: 1.5 })).rejects.toThrow(/fullResolutionS/);
  });
});
