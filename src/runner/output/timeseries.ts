// Our per-second time series as NDJSON, one line per (second, metric, tag-set): written as seconds
// complete (synchronous appends, nothing buffered beyond the lines passed in) and read back as a stream.
// Runs in: Node (runner main thread, converters, report code).
import { closeSync, createReadStream, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { TimeSeriesLine } from '../metrics/types.ts';
import { writeFully } from './write-fully.ts';

export type { TimeSeriesLine } from '../metrics/types.ts';

export class TimeSeriesWriter {
  readonly path: string;
  private fd: number | undefined;
  /** Lines written so far. */
  linesWritten = 0;

  /** Creates (truncates) the file and its directory. */
  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  writeSeconds(lines: readonly TimeSeriesLine[]): void {
    if (this.fd === undefined) throw new Error(`time series ${this.path} is already closed`);
    if (lines.length === 0) return;
    let text = '';
    for (const line of lines) text += `${JSON.stringify(line)}\n`;
    writeFully(this.fd, text);
    this.linesWritten += lines.length;
  }

  /** Idempotent. */
  async close(): Promise<void> {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Streams the lines of a time-series file (blank lines skipped). */
export async function* readTimeSeries(path: string): AsyncIterable<TimeSeriesLine> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const text of lines) {
    if (text.trim() !== '') yield JSON.parse(text) as TimeSeriesLine;
  }
}
