// A canary run's series as the results read it: lines tagged `version` add up per version and, inside
// a version, per service (both engines write the tag through; the reader keeps the slices), untagged
// runs have no version slices, and the run totals leave out points before the warm-up's end.
import { describe, expect, test } from 'vitest';
import { versionTotals } from '../../../../src/results/canary/version-totals.ts';
import { collectRunSeries } from '../../../../src/results/read-run-series.ts';
import { durationLine, failedLine, T0 } from '../series-lines.ts';

describe('per-version slices of the run series', () => {
  test('requests, failures and latency per version and per service within it', async () => {
    const { points } = await collectRunSeries([
      failedLine(T0, 1, 89, { service: 'order-service', version: 'v1' }),
      failedLine(T0, 0, 100, { service: 'product-service', version: 'v1' }),
      failedLine(T0, 2, 8, { service: 'order-service', version: 'v2' }),
      durationLine(T0, 90, 10, { service: 'order-service', version: 'v1' }),
      durationLine(T0, 100, 5, { service: 'product-service', version: 'v1' }),
      durationLine(T0, 10, 30, { service: 'order-service', version: 'v2' }),
    ]);
    const p = points[0]!;
    expect(p).toMatchObject({ requests: 200, failed: 3 });
    expect(Object.keys(p.byVersion!).sort()).toEqual(['v1', 'v2']);
    expect(p.byVersion!.v1).toMatchObject({ requests: 190, failed: 1 });
    expect(p.byVersion!.v2).toMatchObject({ requests: 10, failed: 2 });
    expect(p.byVersion!.v1!.byService['order-service']).toMatchObject({ requests: 90, failed: 1 });
    expect(p.byVersion!.v1!.byService['product-service']).toMatchObject({ requests: 100, failed: 0 });
    expect(p.byVersion!.v2!.latency.quantile(0.5)).toBe(30);
    expect(p.byVersion!.v1!.byService['order-service']!.latency.quantile(0.5)).toBe(10);
    // The version slices are in addition to, not instead of, the whole and per-service ones.
    expect(p.byService['order-service']).toMatchObject({ requests: 100, failed: 3 });
  });

  test('a run without version tags has no version slices', async () => {
    const { points } = await collectRunSeries([failedLine(T0, 0, 5, { service: 'order-service' })]);
    expect(points[0]!.byVersion).toBeUndefined();
  });

  test('run totals per version, from a point on (after the warm-up)', async () => {
    const { points } = await collectRunSeries([
      failedLine(T0, 5, 5, { version: 'v2', service: 'order-service' }),
      failedLine(T0 + 1, 0, 10, { version: 'v2', service: 'order-service' }),
      failedLine(T0 + 2, 1, 9, { version: 'v2', service: 'order-service' }),
      failedLine(T0 + 2, 0, 90, { version: 'v1', service: 'order-service' }),
    ]);
    expect(versionTotals(points, 'v2')).toMatchObject({ requests: 30, failed: 6, seconds: 3 });
    const afterWarmUp = versionTotals(points, 'v2', (T0 + 1) * 1000);
    expect(afterWarmUp).toMatchObject({ requests: 20, failed: 1, seconds: 2 });
    expect(afterWarmUp.byService.get('order-service')).toMatchObject({ requests: 20, failed: 1 });
    expect(versionTotals(points, 'v3')).toMatchObject({ requests: 0, failed: 0 });
  });
});
