// The runner-to-harness records and what the harness keeps of them: a record survives being cut into
// log lines and read back in any order, with repeats (a log read again) and among other lines; what
// does not decode is counted, never guessed; series chunks are kept once each, gaps noted, and only
// the part the newest report covers is merged.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  encodeRecord,
  PART_CHARS,
  RecordAssembler,
  REPORT_FORMAT,
  type RunnerRecord,
} from '../../../../src/engine/k6-operator/runner-log-protocol.ts';
import { RunnerResults } from '../../../../src/engine/k6-operator/runner-results.ts';
import {
  AGGREGATES_FORMAT,
  type SerializedAggregates,
} from '../../../../src/engine/k6-stream/serialized-aggregates.ts';
import type { TimeSeriesLine } from '../../../../src/results/timeseries-file.ts';

const aggregates = (samples: number): SerializedAggregates => ({
  format: AGGREGATES_FORMAT,
  samples,
  firstSampleMs: 0,
  lastSampleMs: 1000,
  metrics: [],
  seconds: [],
  groups: [],
  checks: [],
});
const report = (seq: number, final = false): RunnerRecord => ({
  kind: 'report',
  report: {
    format: REPORT_FORMAT,
    seq,
    final,
    k6ExitCode: final ? 0 : null,
    aggregates: aggregates(seq * 100),
  },
});
const line = (t: number, count: number): TimeSeriesLine => ({
  t,
  metric: 'http_reqs',
  type: 'counter',
  tags: {},
  values: { count, rate: count },
});
const chunk = (seq: number, lines: TimeSeriesLine[]): RunnerRecord => ({
  kind: 'series',
  chunk: { seq, lines },
});

describe('runner log records', () => {
  it('round-trip through log lines, each well under a runtime’s 16 KiB line limit', () => {
    // Incompressible content, so the record needs several parts.
    const noise = Array.from({ length: 4000 }, (_, i) =>
      line(i, Math.floor(Math.abs(Math.sin(i * 7919)) * 1e9)),
    );
    const lines = encodeRecord(chunk(3, noise));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((l) => l.length <= PART_CHARS + 40)).toBe(true);
    expect(lines[0]).toMatch(/^C4ANG_PERF_SERIES 3 1\/\d+ /);
    const assembler = new RecordAssembler();
    const out = lines.map((l) => assembler.push(l)).filter(Boolean);
    expect(out).toEqual([chunk(3, noise)]);
  });

  it('are assembled from parts in any order, once, among other lines', () => {
    const lines = encodeRecord(
      chunk(
        1,
        Array.from({ length: 3000 }, (_, i) => line(i, i * 31_337)),
      ),
    );
    const assembler = new RecordAssembler();
    const shuffled = ['k6 says hello', ...lines.slice().reverse(), '     ✓ status ok', ...lines];
    const out = shuffled.map((l) => assembler.push(l)).filter(Boolean);
    expect(out).toHaveLength(1);
    expect(out[0]!.kind).toBe('series');
  });

  it('count a record that does not decode as bad instead of guessing', () => {
    const assembler = new RecordAssembler();
    expect(assembler.push('C4ANG_PERF_AGGREGATES 1 1/1 bm90IGd6aXA=')).toBeUndefined();
    expect(assembler.bad).toBe(1);
    expect(assembler.push(encodeRecord(report(2))[0]!)).toMatchObject({ kind: 'report', report: { seq: 2 } });
  });
});

describe('what the harness keeps of one runner', () => {
  it('appends each chunk once, notes the gaps, keeps the newest report, and merges only what it covers', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'runner-results-'));
    const results = new RunnerResults('pod-1', 1, dir);
    const push = (record: RunnerRecord) => {
      for (const l of encodeRecord(record)) results.push(l);
    };
    push(chunk(1, [line(1, 10)]));
    push(report(1));
    push(chunk(2, [line(2, 20)]));
    push(report(2));
    // The log read again from the top after a reconnect.
    push(chunk(1, [line(1, 10)]));
    push(report(1));
    push(chunk(2, [line(2, 20)]));
    // Chunk 3 never arrived; chunk 4 did, but its report did not.
    push(chunk(4, [line(4, 40)]));
    expect(results.latest?.seq).toBe(2);
    expect(results.missingChunks).toEqual([3]);
    expect(results.chunks).toBe(3);
    const text = await readFile(results.seriesFile, 'utf8');
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as TimeSeriesLine).t),
    ).toEqual([1, 2, 4]);
    // Report 2 covers chunks 1 and 2: chunk 4's seconds would be counted again with report 4's.
    expect(text.slice(0, results.seriesBytesCovered()).trim().split('\n')).toHaveLength(2);
    push(report(4, true));
    expect(results.latest).toMatchObject({ seq: 4, final: true });
    expect(results.seriesBytesCovered()).toBe(Buffer.byteLength(text));
  });
});
