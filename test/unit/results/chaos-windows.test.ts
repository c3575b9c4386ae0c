// Before/during/after statistics of a chaos fault, from a per-second time series.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { computeWindowStats } from '../../../src/results/chaos-windows.ts';

test('sums requests and failures across tag sets and takes the worst per-second p95', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'windows-')), 'timeseries.ndjson');
  const line = (t: number, metric: string, values: Record<string, number>, service = 'order-service') =>
    JSON.stringify({
      t,
      metric,
      type: metric === 'http_req_failed' ? 'rate' : 'trend',
      tags: { service },
      values,
    });
  writeFileSync(
    file,
    [
      line(100, 'http_req_failed', { rate: 0, passes: 0, fails: 50 }),
      line(100, 'http_req_failed', { rate: 0, passes: 0, fails: 30 }, 'product-service'),
      line(100, 'http_req_duration', { count: 50, 'p(95)': 20 }),
      line(101, 'http_req_failed', { rate: 0.1, passes: 5, fails: 45 }),
      line(101, 'http_req_duration', { count: 50, 'p(95)': 400 }),
      line(101, 'http_req_duration', { count: 10, 'p(95)': 90 }, 'product-service'),
      line(102, 'iterations', { count: 7, rate: 7 }),
    ].join('\n'),
  );
  const stats = await computeWindowStats(file, [
    { name: 'before', fromMs: 100_000, toMs: 101_000 },
    { name: 'during', fromMs: 101_000, toMs: 102_000 },
    { name: 'after', fromMs: 102_000, toMs: 103_000 },
  ]);
  expect(stats.before).toMatchObject({ requests: 80, errorRate: 0, worstOperationP95Ms: 20 });
  expect(stats.during).toMatchObject({ requests: 50, errorRate: 0.1, worstOperationP95Ms: 400 });
  expect(stats.after).toMatchObject({ requests: 0, errorRate: null, worstOperationP95Ms: null });
});
