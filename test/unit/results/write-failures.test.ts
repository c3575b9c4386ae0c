// A results file that cannot be written is one clear line (`cannot write <file>: ENOSPC (no space
// left on device)`), never a crash of the run: the time series stops with its file cut back to whole
// lines and the failure noted for the verdict phase; the test-only hook C4ANG_PERF_FAIL_WRITES_AFTER_MS
// gives the same ENOSPC without a full disk.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import {
  readTimeSeries,
  type TimeSeriesLine,
  TimeSeriesWriter,
} from '../../../src/results/timeseries-file.ts';
import {
  describeWriteFailure,
  injectedWriteFault,
  writeFailuresUnder,
} from '../../../src/results/write-failures.ts';

const dir = mkdtempSync(join(tmpdir(), 'write-failures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.C4ANG_PERF_FAIL_WRITES_AFTER_MS;
  vi.restoreAllMocks();
});

const line = (t: number): TimeSeriesLine => ({
  t,
  metric: 'http_reqs',
  type: 'counter',
  tags: {},
  values: { count: 1, rate: 1 },
});

describe('describeWriteFailure', () => {
  test.each([
    ['ENOSPC', 'cannot write /r/run/verdict.json: ENOSPC (no space left on device)'],
    ['EROFS', 'cannot write /r/run/verdict.json: EROFS (read-only file system)'],
    ['EACCES', 'cannot write /r/run/verdict.json: EACCES (permission denied)'],
  ])('%s', (code, expected) => {
    const error = Object.assign(new Error(`${code}: whatever`), { code });
    expect(describeWriteFailure('/r/run/verdict.json', error)).toBe(expected);
  });

  test('an error without a known code keeps its message', () => {
    expect(describeWriteFailure('/r/x', new Error('boom'))).toBe('cannot write /r/x: boom');
  });
});

describe('the fault hook', () => {
  test('unset: no fault', () => {
    expect(injectedWriteFault('/r/run/verdict.json')).toBeUndefined();
  });

  test('set and due: ENOSPC naming the file', () => {
    process.env.C4ANG_PERF_FAIL_WRITES_AFTER_MS = '0';
    expect(injectedWriteFault('/r/run/verdict.json')).toMatchObject({
      code: 'ENOSPC',
      path: '/r/run/verdict.json',
    });
  });
});

describe('TimeSeriesWriter on a failing write', () => {
  test('the hook: no throw, later seconds dropped, failure noted under the run folder', async () => {
    const runDir = join(dir, 'hooked-run');
    const path = join(runDir, 'timeseries.ndjson');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const writer = new TimeSeriesWriter(path);
    process.env.C4ANG_PERF_FAIL_WRITES_AFTER_MS = '0';
    expect(() => writer.writeSeconds([line(1)])).not.toThrow();
    writer.writeSeconds([line(2)]);
    await writer.close();
    const expected = `cannot write ${path}: ENOSPC (no space left on device)`;
    expect(writer.failure).toBe(expected);
    expect(writer.linesWritten).toBe(0);
    expect(writeFailuresUnder(runDir)).toEqual([expected]);
    expect(writeFailuresUnder(join(dir, 'other-run'))).toEqual([]);
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0]![0])).toMatch(
      /^cannot write .*timeseries\.ndjson: ENOSPC .*the run goes on\n$/,
    );
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  test.skipIf(!existsSync('/dev/full'))('a real ENOSPC (/dev/full) is noted, not thrown', () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const writer = new TimeSeriesWriter('/dev/full');
    expect(() => writer.writeSeconds([line(1)])).not.toThrow();
    expect(writer.failure).toBe('cannot write /dev/full: ENOSPC (no space left on device)');
    void writer.close();
  });

  test('lines written before the failure stay whole and readable', async () => {
    const path = join(dir, 'partial', 'timeseries.ndjson');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const writer = new TimeSeriesWriter(path);
    writer.writeSeconds([line(1), line(2)]);
    process.env.C4ANG_PERF_FAIL_WRITES_AFTER_MS = '0';
    writer.writeSeconds([line(3)]);
    await writer.close();
    const read: TimeSeriesLine[] = [];
    for await (const l of readTimeSeries(path)) read.push(l);
    expect(read.map((l) => l.t)).toEqual([1, 2]);
  });
});
