import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  readTimeSeries,
  type TimeSeriesLine,
  TimeSeriesWriter,
} from '../../../../src/results/timeseries-file.ts';
import { MetricRegistry } from '../../../../src/runner/metrics/registry.ts';
import type { Tags } from '../../../../src/runner/metrics/types.ts';
import { K6JsonOutput } from '../../../../src/runner/output/json-output.ts';
import { convertK6JsonToTimeSeries } from '../../../../src/runner/output/k6-json-to-timeseries.ts';

const dir = mkdtempSync(join(tmpdir(), 'k6-json-to-timeseries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = new URL('../../../fixtures/k6-json-small/k6-out.json', import.meta.url);

async function readAll(path: string): Promise<TimeSeriesLine[]> {
  const lines: TimeSeriesLine[] = [];
  for await (const line of readTimeSeries(path)) lines.push(line);
  return lines;
}

describe('convertK6JsonToTimeSeries', () => {
  const expected = [
    {
      t: 1715258085,
      metric: 'http_req_duration',
      type: 'trend',
      tags: { method: 'GET', name: 'product', status: '200' },
    },
    {
      t: 1715258085,
      metric: 'http_reqs',
      type: 'counter',
      tags: { method: 'GET', name: 'product', status: '200' },
      values: { count: 2, rate: 2 },
    },
    {
      t: 1715258086,
      metric: 'checks',
      type: 'rate',
      tags: { check: 'status is 200', group: '' },
      values: { rate: 0.5, passes: 1, fails: 1 },
    },
    {
      t: 1715258086,
      metric: 'http_reqs',
      type: 'counter',
      tags: { method: 'POST', name: 'order', status: '201' },
      values: { count: 1, rate: 1 },
    },
    { t: 1715258086, metric: 'vus', type: 'gauge', tags: {}, values: { value: 3, min: 3, max: 5 } },
  ];

  it.each([
    ['plain', 'k6-out.json'],
    ['gzipped', 'k6-out.json.gz'],
  ])('aggregates a %s k6 file per second', async (_, name) => {
    const input = join(dir, name);
    if (name.endsWith('.gz')) writeFileSync(input, gzipSync(readFileSync(fixture)));
    else copyFileSync(fixture, input);
    const output = join(dir, `${name}.ts.ndjson`);
    const stats = await convertK6JsonToTimeSeries(input, output);
    expect(stats).toEqual({ points: 9, skipped: 2, lines: 5 });
    const lines = await readAll(output);
    expect(lines).toMatchObject(expected);
    expect(lines[0]?.values).toMatchObject({ count: 2, avg: 10, min: 7.5, max: 12.5 });
  });

  it('rejects when the input file does not exist', async () => {
    await expect(convertK6JsonToTimeSeries(join(dir, 'missing.json'), join(dir, 'x.ndjson'))).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('round-trips: samples → k6 JSON → converter equals the time series written directly', async () => {
    const direct = new MetricRegistry({ timeSeries: true });
    const forJson = new MetricRegistry();
    const k6Path = join(dir, 'roundtrip.json');
    const out = new K6JsonOutput(k6Path, { describe: (n) => forJson.describe(n) });
    const T0 = Date.UTC(2024, 0, 1) + 0.123;
    const sites: Tags[] = ['a', 'b', 'c'].map((s) =>
      Object.freeze({ service: s, url: `http://127.0.0.1/${s}`, status: '200' }),
    );
    for (let i = 0; i < 3000; i++) {
      const tags = sites[i % 3]!;
      const timeMs = T0 + i * 1.7 + (i % 7) * 0.01;
      const samples: [string, number][] = [
        ['http_req_duration', 1 + ((i * 31) % 250) + 0.25],
        ['http_reqs', 1],
        ['http_req_failed', i % 40 === 0 ? 1 : 0],
        ['vus', (i % 11) + 1],
        ['data_received', 100 + (i % 13)],
      ];
      for (const [metric, value] of samples) {
        direct.add(metric, value, tags, timeMs);
        out.addSample(metric, value, tags, timeMs);
      }
    }
    await out.close();
    const directPath = join(dir, 'direct.ndjson');
    const writer = new TimeSeriesWriter(directPath);
    writer.writeSeconds(direct.takeCompletedSeconds(Number.POSITIVE_INFINITY));
    await writer.close();
    const convertedPath = join(dir, 'converted.ndjson');
    await convertK6JsonToTimeSeries(k6Path, convertedPath);
    expect(readFileSync(convertedPath, 'utf8')).toBe(readFileSync(directPath, 'utf8'));
    expect((await readAll(directPath)).length).toBeGreaterThan(5 * 3 * 5);
  });
});
