// k6 `--out json=FILE` writer: NDJSON, optionally gzipped (`.gz`), flushed every 200 ms as k6 does,
// with a bounded buffer (a full buffer flushes at once). A `Metric` line precedes the first `Point`
// of each metric. Samples come in one by one (in-process) or as batches encoded by worker threads.
// Runs in: Node (runner main thread).
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { MetricDescription } from '../metrics/registry.ts';
import type { Tags } from '../metrics/types.ts';
import { encodeK6MetricLine, type K6JsonBatch, K6JsonEncoder, type RawThreshold } from './k6-json-encode.ts';
import { writeFully } from './write-fully.ts';

interface K6JsonOutputOptions {
  /** Type, contains and sub-metrics of a metric, e.g. `(n) => registry.describe(n)`. */
  describe: (name: string) => MetricDescription | undefined;
  /** options.thresholds as written; k6 lists those keyed by the plain metric name on its Metric line. */
  thresholds?: Readonly<Record<string, readonly RawThreshold[]>>;
  /** Default 200 (k6's flush period). */
  flushIntervalMs?: number;
  /** Lines held before an early flush; bounds memory. Default 20 000. */
  maxBufferedLines?: number;
}

export class K6JsonOutput {
  readonly path: string;
  private readonly options: K6JsonOutputOptions;
  private readonly gzip: boolean;
  private readonly encoder = new K6JsonEncoder((metric) => this.metricLine(metric));
  private readonly pending: K6JsonBatch[] = [];
  private pendingLines = 0;
  private readonly seen = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private fd: number | undefined;
  /** Point lines written so far. */
  pointsWritten = 0;

  constructor(path: string, options: K6JsonOutputOptions) {
    this.path = path;
    this.options = options;
    this.gzip = path.endsWith('.gz');
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 200);
    this.timer.unref();
  }

  private get limit(): number {
    return this.options.maxBufferedLines ?? 20_000;
  }

  addSample(
    metric: string,
    value: number,
    tags: Tags | null,
    timeMs: number,
    metadata?: Readonly<Record<string, string>>,
  ): void {
    this.encoder.add(metric, value, tags, timeMs, metadata);
    if (this.encoder.size + this.pendingLines >= this.limit) this.flush();
  }

  /** A batch encoded elsewhere (a worker's K6JsonEncoder.take()). */
  addBatch(batch: K6JsonBatch): void {
    if (batch.lines === 0) return;
    this.pending.push(batch);
    this.pendingLines += batch.lines;
    if (this.encoder.size + this.pendingLines >= this.limit) this.flush();
  }

  /** Write everything buffered (synchronously: the buffer stays bounded whatever the disk speed). */
  flush(): void {
    if (this.fd === undefined) return;
    if (this.encoder.size > 0) this.pending.push(this.encoder.take());
    if (this.pending.length === 0) return;
    let text = '';
    for (const batch of this.pending) {
      for (const metric of batch.metrics) text += this.metricLine(metric);
      text += batch.text;
      this.pointsWritten += batch.lines;
    }
    this.pending.length = 0;
    this.pendingLines = 0;
    // Each flush is one gzip member; gunzip, `gzip -d` and Go read concatenated members as one stream.
    writeFully(this.fd, this.gzip ? gzipSync(text) : text);
  }

  private metricLine(metric: string): string {
    if (this.seen.has(metric)) return '';
    this.seen.add(metric);
    const description = this.options.describe(metric);
    if (description === undefined) return '';
    return encodeK6MetricLine(description, this.options.thresholds?.[metric]);
  }

  /** Flush and close; idempotent. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
