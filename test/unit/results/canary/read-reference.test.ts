// A 100 % step's reference read from its progression's earlier run folders: their v1 traffic pooled,
// each after its own warm-up, v2 left out, and a folder that is gone named rather than fatal.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCanaryReference } from '../../../../src/results/canary/read-reference.ts';
import { durationLine, failedLine, T0 } from '../series-lines.ts';

/** A run folder whose series has `seconds` seconds of 10 v1 and 5 v2 requests (1 v1 failure each). */
function runFolder(root: string, name: string, seconds: number): void {
  const lines = Array.from({ length: seconds }, (_, i) => [
    failedLine(T0 + i, 1, 9, { version: 'v1', service: 'order-service' }),
    durationLine(T0 + i, 10, 20, { version: 'v1', service: 'order-service' }),
    failedLine(T0 + i, 0, 5, { version: 'v2', service: 'order-service' }),
    durationLine(T0 + i, 5, 60, { version: 'v2', service: 'order-service' }),
  ]).flat();
  mkdirSync(path.join(root, name));
  writeFileSync(path.join(root, name, 'timeseries.ndjson'), lines.map((l) => JSON.stringify(l)).join('\n'));
}

describe('readCanaryReference', () => {
  test('pools the earlier runs’ v1 after each warm-up and names the runs it could not read', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'canary-reference-'));
    // 20 s and 50 s runs: warm-ups of 2 s and 5 s (10 % of the run).
    runFolder(root, 'p-step1-10pct', 20);
    runFolder(root, 'p-step2-50pct', 50);
    const reference = await readCanaryReference(root, ['p-step1-10pct', 'p-step2-50pct', 'p-gone']);
    expect(reference.runs).toEqual(['p-step1-10pct', 'p-step2-50pct', 'p-gone']);
    expect(reference.missing).toEqual(['p-gone']);
    expect(reference.totals).toMatchObject({ requests: (18 + 45) * 10, failed: 18 + 45 });
    expect(reference.totals.latency.quantile(0.5)).toBe(20);
    expect(reference.totals.byService.get('order-service')).toMatchObject({ requests: 630 });
  });
});
