import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findTimeSeries,
  isGzipFile,
  readTimeSeries,
  type TimeSeriesLine,
  TimeSeriesWriter,
} from '../../../src/results/timeseries-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'timeseries-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(path: string, keep?: (text: string) => boolean): Promise<TimeSeriesLine[]> {
  const lines: TimeSeriesLine[] = [];
  for await (const line of readTimeSeries(path, keep)) lines.push(line);
  return lines;
}

const line: TimeSeriesLine = {
  t: 1,
  metric: 'http_reqs',
  type: 'counter',
  tags: { a: 'b' },
  values: { count: 2, rate: 2 },
};
const coarse: TimeSeriesLine = {
  t: 61,
  span: 60,
  metric: 'vus',
  type: 'gauge',
  tags: {},
  values: { value: 3 },
};
const text = `${JSON.stringify(line)}\n\n${JSON.stringify(coarse)}\n`;

describe('TimeSeriesWriter', () => {
  it('appends one JSON line per (second, metric, tag-set) and reads them back', async () => {
    const path = join(dir, 'nested', 'ts.ndjson');
    const writer = new TimeSeriesWriter(path);
    writer.writeSeconds([line]);
    writer.writeSeconds([]);
    writer.writeSeconds([{ ...line, t: 2 }]);
    await writer.close();
    await writer.close();
    expect(writer.linesWritten).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(
      '{"t":1,"metric":"http_reqs","type":"counter","tags":{"a":"b"},"values":{"count":2,"rate":2}}\n' +
        '{"t":2,"metric":"http_reqs","type":"counter","tags":{"a":"b"},"values":{"count":2,"rate":2}}\n',
    );
    expect(await readAll(path)).toEqual([line, { ...line, t: 2 }]);
    expect(() => writer.writeSeconds([line])).toThrow(/already closed/);
  });
});

describe('readTimeSeries', () => {
  it.each([
    ['plain', 'plain.ndjson', false],
    ['gzip', 'packed.ndjson.gz', true],
    ['gzip under a plain name', 'packed-misnamed.ndjson', true],
    ['plain under a .gz name', 'plain-misnamed.ndjson.gz', false],
  ])('reads a %s file, telling gzip by its magic bytes', async (_, name, gzip) => {
    const path = join(dir, name);
    writeFileSync(path, gzip ? gzipSync(text) : text);
    expect(await isGzipFile(path)).toBe(gzip);
    expect(await readAll(path)).toEqual([line, coarse]);
  });

  it('parses only the lines `keep` lets through', async () => {
    const path = join(dir, 'keep.ndjson.gz');
    writeFileSync(path, gzipSync(text));
    expect(await readAll(path, (raw) => raw.includes('"vus"'))).toEqual([coarse]);
  });

  it('reads an empty file as no lines', async () => {
    const path = join(dir, 'empty.ndjson');
    writeFileSync(path, '');
    expect(await readAll(path)).toEqual([]);
  });

  it('rejects when the file does not exist', async () => {
    await expect(readAll(join(dir, 'missing.ndjson'))).rejects.toThrow(/ENOENT/);
  });

  it('rejects a corrupt gzip file', async () => {
    const path = join(dir, 'corrupt.ndjson.gz');
    writeFileSync(path, gzipSync(text).subarray(0, 20));
    await expect(readAll(path)).rejects.toThrow();
  });
});

describe('findTimeSeries', () => {
  it.each([
    ['neither', [], undefined],
    ['the plain file', ['timeseries.ndjson'], 'timeseries.ndjson'],
    ['the compacted file', ['timeseries.ndjson.gz'], 'timeseries.ndjson.gz'],
    [
      'the compacted file when both exist',
      ['timeseries.ndjson', 'timeseries.ndjson.gz'],
      'timeseries.ndjson.gz',
    ],
    ['neither when only a partial compaction exists', ['timeseries.ndjson.gz.partial'], undefined],
  ])('finds %s', (name, files, expected) => {
    const runDir = join(dir, 'runs', name.replaceAll(' ', '-'));
    mkdirSync(runDir, { recursive: true });
    for (const file of files) writeFileSync(join(runDir, file), '');
    expect(findTimeSeries(runDir)).toBe(expected && join(runDir, expected));
  });
});
