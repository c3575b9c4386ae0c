// The run's time series as a file: NDJSON, one line per (second or coarse span, metric, tag set).
// Both engines write it through `TimeSeriesWriter`; every reader streams it through `readTimeSeries`,
// plain or gzip-compressed (a long run's series is compacted to `timeseries.ndjson.gz` at its end).
// Runs in: Node (runner main thread, converters, results).
import { closeSync, createReadStream, existsSync, ftruncateSync, mkdirSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { MetricType, Tags } from '../runner/metrics/types.ts';
import { writeFully } from '../runner/output/write-fully.ts';
import { injectedWriteFault, noteWriteFailure } from './write-failures.ts';

/** File names inside a run folder: as written during the run, and once compacted. */
export const TIME_SERIES_FILE = 'timeseries.ndjson';
const COMPACTED_TIME_SERIES_FILE = 'timeseries.ndjson.gz';
/** Bytes per read and per gunzip output chunk (64 KiB measured fastest on a compacted 24 h series). */
const READ_CHUNK_BYTES = 64 * 1024;

/** One line of the time series: one (second or coarse span, metric, tag set). */
export interface TimeSeriesLine {
  /** Unix time in whole seconds: the start of the span the samples fall in. */
  t: number;
  /** Seconds the line covers; absent means 1. Coarse lines of a compacted series carry e.g. 60. */
  span?: number;
  metric: string;
  type: MetricType;
  /** Sample tags without the high-cardinality `url`, `vu` and `iter`. */
  tags: Tags;
  /**
   * counter {count, rate}; gauge {value, min, max}; rate {rate, passes, fails};
   * trend {count, avg, min, max, p(50), p(90), p(95), p(99)} (ms for time trends).
   * `rate` of a counter is per second of the line's span.
   */
  values: Record<string, number>;
  /**
   * `http_req_duration` only: the span's samples as LatencyHistogram buckets (2 % wide, log-spaced),
   * flat pairs [bucket, count, bucket, count…], so percentiles of any slice are exact to a bucket.
   * Absent when a series had too many samples in one second to keep them (then `values` are used).
   */
  hist?: number[];
}

/**
 * Appends lines as seconds complete: synchronous writes, nothing buffered beyond the lines passed in.
 * A write that fails (disk full, folder gone) must not stop the load: the file is cut back to its last
 * whole line, the failure is noted (write-failures.ts: the run then fails, exit 1, naming the file)
 * and said once on stderr, and later seconds are dropped.
 */
export class TimeSeriesWriter {
  readonly path: string;
  private fd: number | undefined;
  /** Bytes of whole lines in the file. */
  private bytes = 0;
  /** Set once a write failed: the series stops there. */
  failure: string | undefined;
  /** Lines written so far. */
  linesWritten = 0;

  /** Creates (truncates) the file and its directory. */
  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  writeSeconds(lines: readonly TimeSeriesLine[]): void {
    if (this.failure !== undefined) return;
    if (this.fd === undefined) throw new Error(`time series ${this.path} is already closed`);
    if (lines.length === 0) return;
    let text = '';
    for (const line of lines) text += `${JSON.stringify(line)}\n`;
    const data = Buffer.from(text, 'utf8');
    try {
      const fault = injectedWriteFault(this.path);
      if (fault) throw fault;
      writeFully(this.fd, data);
    } catch (error) {
      this.stopAfter(error);
      return;
    }
    this.bytes += data.length;
    this.linesWritten += lines.length;
  }

  /** Idempotent. */
  async close(): Promise<void> {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private stopAfter(error: unknown): void {
    this.failure = noteWriteFailure(this.path, error);
    try {
      // A torn last line would make the file unreadable; cutting it back frees space, so it works on a full disk.
      ftruncateSync(this.fd!, this.bytes);
    } catch {
      // the verdict's reader then meets the torn line; the failure is noted all the same
    }
    process.stderr.write(`${this.failure}; the time series stops here, the run goes on\n`);
  }
}

/** True when the file starts with the gzip magic bytes 1f 8b (whatever its name). */
export async function isGzipFile(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await file.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await file.close();
  }
}

/**
 * Streams the raw lines of a time-series file, plain or gzip (blank lines skipped). Splits chunks
 * itself: node:readline costs about four times as much on a compacted 24 h series.
 */
export async function* readTimeSeriesText(path: string): AsyncIterable<string> {
  const gzip = await isGzipFile(path);
  const file = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const input = gzip ? file.pipe(createGunzip({ chunkSize: READ_CHUNK_BYTES })) : file;
  if (gzip) file.on('error', (error) => input.destroy(error));
  input.setEncoding('utf8');
  let rest = '';
  for await (const chunk of input as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = text.slice(start, end);
      start = end + 1;
      if (line.trim() !== '') yield line;
    }
    rest = text.slice(start);
  }
  if (rest.trim() !== '') yield rest;
}

/**
 * Streams the lines of a time-series file, plain or gzip. `keep` sees each raw line first, so
 * readers that need a few metrics skip the JSON parsing of the rest.
 */
export async function* readTimeSeries(
  path: string,
  keep?: (text: string) => boolean,
): AsyncIterable<TimeSeriesLine> {
  for await (const text of readTimeSeriesText(path)) {
    if (keep && !keep(text)) continue;
    yield JSON.parse(text) as TimeSeriesLine;
  }
}

/**
 * The run folder's time series: the compacted file when there is one (it is complete once it has its
 * name), else the plain one; undefined when the run wrote none.
 */
export function findTimeSeries(runDir: string): string | undefined {
  for (const name of [COMPACTED_TIME_SERIES_FILE, TIME_SERIES_FILE]) {
    const path = join(runDir, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}
