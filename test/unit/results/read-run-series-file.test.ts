// `readRunSeries` on files: a plain and a gzip-compressed time series give the same series as
// collecting their lines; a file without any wanted metric gives an empty series.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { readRunSeries } from '../../../src/results/read-run-series.ts';
import type { TimeSeriesLine } from '../../../src/results/timeseries-file.ts';
import { counterLine, durationLine, failedLine, gaugeLine, T0 } from './series-lines.ts';

const root = mkdtempSync(join(tmpdir(), 'read-run-series-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readRunSeries', () => {
  const lines: TimeSeriesLine[] = [
    failedLine(T0 + 1, 0, 20, { service: 'order-service', op: 'order_create' }),
    durationLine(T0 + 1, 20, 30, { service: 'order-service', op: 'order_create', phase: 'post' }),
    { ...counterLine(T0, 'checks', 3), type: 'rate', values: { rate: 1, passes: 3, fails: 0 } },
    failedLine(T0, 2, 8, { service: 'order-service', op: 'order_create' }),
    durationLine(T0, 10, 25, { service: 'order-service', op: 'order_create', phase: 'pre' }),
    counterLine(T0, 'iterations', 10),
    gaugeLine(T0, 'vus', { value: 4, min: 4, max: 4 }),
  ];
  const text = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;

  test.each([
    ['plain', 'timeseries.ndjson', Buffer.from(text)],
    ['gzip', 'timeseries.ndjson.gz', gzipSync(text)],
  ])('%s file: same series as collecting its lines', async (_, name, content) => {
    const dir = mkdtempSync(join(root, 'run-'));
    const path = join(dir, name);
    writeFileSync(path, content);
    const series = await readRunSeries(path);
    expect(series.startT).toBe(T0);
    expect(series.endT).toBe(T0 + 1);
    expect(series.points.map((p) => [p.t, p.requests, p.failed, p.phase, p.iterations, p.vus])).toEqual([
      [T0, 10, 2, 'pre', 10, 4],
      [T0 + 1, 20, 0, 'post', 0, null],
    ]);
    expect(series.points[0]!.byOperation.order_create).toMatchObject({ requests: 10, failed: 2 });
    expect(series.points[1]!.byService['order-service']!.latency.quantile(0.5)).toBe(30);
  });

  test('a file with only unwanted metrics gives an empty series', async () => {
    const path = join(mkdtempSync(join(root, 'run-')), 'timeseries.ndjson');
    writeFileSync(path, `${JSON.stringify(counterLine(T0, 'http_reqs', 1))}\n\n`);
    expect(await readRunSeries(path)).toEqual({ points: [], startT: 0, endT: 0 });
  });
});
