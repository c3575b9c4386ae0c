// How a runner pod hands its results to the harness through its log (the transport of
// docs/decisions/005-k6-operator-results-through-runner-logs.md). Every report interval a runner
// prints two records with the same sequence number: SERIES, the time-series lines of the seconds it
// completed since the last report, and AGGREGATES, its cumulative aggregates (whole-run histograms,
// counters, checks, and the seconds still open) with k6's exit code in the last one. A record is
// JSON, gzipped, base64, cut into parts of at most PART_CHARS per line:
//
//   C4ANG_PERF_SERIES <seq> <part>/<parts> <base64>
//   C4ANG_PERF_AGGREGATES <seq> <part>/<parts> <base64>
//
// Short lines never reach a container runtime's 16 KiB split (where another stream's line could
// land in the middle of ours), and the harness reassembles parts by (record, seq). Cumulative
// aggregates mean the newest complete AGGREGATES record alone gives exact whole-run figures, whatever
// log rotation or a reconnect lost before it. Runs in: Node (runner pods and the harness).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SerializedAggregates } from '../k6-stream/index.ts';
import type { TimeSeriesLine } from '../../results/timeseries-file.ts';

export const SERIES_RECORD = 'C4ANG_PERF_SERIES';
export const AGGREGATES_RECORD = 'C4ANG_PERF_AGGREGATES';
export const REPORT_FORMAT = 'c4ang-perf/runner-report@1';
/** Base64 characters per log line: with the prefix well under a runtime's 16 KiB line limit. */
export const PART_CHARS = 8000;

export interface SeriesChunk {
  readonly seq: number;
  readonly lines: readonly TimeSeriesLine[];
}

export interface RunnerReport {
  readonly format: typeof REPORT_FORMAT;
  /** Series chunks 1..seq are what this report's aggregates had handed out; later ones are not in it. */
  readonly seq: number;
  /** The last report: k6 has ended. */
  readonly final: boolean;
  /** k6's exit code in the final report; null before (or when k6 was killed). */
  readonly k6ExitCode: number | null;
  readonly aggregates: SerializedAggregates;
}

export type RunnerRecord =
  | { readonly kind: 'series'; readonly chunk: SeriesChunk }
  | { readonly kind: 'report'; readonly report: RunnerReport };

/** The log lines of one record. */
export function encodeRecord(record: RunnerRecord): string[] {
  const [name, seq, body] =
    record.kind === 'series'
      ? [SERIES_RECORD, record.chunk.seq, record.chunk]
      : [AGGREGATES_RECORD, record.report.seq, record.report];
  const text = gzipSync(JSON.stringify(body)).toString('base64');
  const parts = Math.max(1, Math.ceil(text.length / PART_CHARS));
  const lines: string[] = [];
  for (let i = 0; i < parts; i++)
    lines.push(`${name} ${seq} ${i + 1}/${parts} ${text.slice(i * PART_CHARS, (i + 1) * PART_CHARS)}`);
  return lines;
}

const LINE = new RegExp(`^(${SERIES_RECORD}|${AGGREGATES_RECORD}) (\\d+) (\\d+)/(\\d+) ([A-Za-z0-9+/=]*)$`);

/**
 * Collects the parts of records from a runner's log lines, in any order and with repeats (a log read
 * again after a reconnect); hands each record over once, when its last part has arrived. Lines that
 * are not records (k6's own output) are ignored; a record that does not decode is counted as bad.
 */
export class RecordAssembler {
  private readonly pending = new Map<string, (string | undefined)[]>();
  private readonly done = new Set<string>();
  /** Records whose parts arrived but did not decode (a cut line, a foreign writer). */
  bad = 0;

  push(line: string): RunnerRecord | undefined {
    const match = LINE.exec(line.trim());
    if (!match) return undefined;
    const [, name, seqText, partText, partsText, data] = match as unknown as string[];
    const key = `${name} ${seqText}`;
    if (this.done.has(key)) return undefined;
    const parts = Number(partsText);
    const part = Number(partText);
    if (!(parts >= 1 && part >= 1 && part <= parts)) return undefined;
    let slots = this.pending.get(key);
    if (!slots || slots.length !== parts) {
      slots = new Array<string | undefined>(parts).fill(undefined);
      this.pending.set(key, slots);
    }
    slots[part - 1] = data;
    if (slots.some((s) => s === undefined)) return undefined;
    this.pending.delete(key);
    this.done.add(key);
    try {
      const body = JSON.parse(gunzipSync(Buffer.from(slots.join(''), 'base64')).toString('utf8')) as unknown;
      return name === SERIES_RECORD
        ? { kind: 'series', chunk: body as SeriesChunk }
        : { kind: 'report', report: body as RunnerReport };
    } catch {
      this.bad++;
      return undefined;
    }
  }
}
