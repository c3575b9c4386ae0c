// The consumer of k6's `--out json` stream: each line goes into bounded aggregates (aggregates.ts) as
// it arrives, and each second, once complete, leaves them as time-series lines — so memory stays
// flat however long k6 runs, and the harness can judge thresholds, write the summary and the time
// series without k6 keeping any of it. The same per-sample reducer converts a finished k6 file
// (convertK6JsonToTimeSeries), so a streamed run and a converted one read the same.
// Seconds stay open `lagSeconds` behind the newest sample, because k6 flushes its output every
// 200 ms from several goroutines and samples arrive nearly, not exactly, in time order.
// Runs in: Node (the k6 engine; the k6-operator's runner pods).
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { MetricType, TimeSeriesLine, ValueContains } from '../../runner/metrics/types.ts';
import { Aggregates, type RetainedCounts } from './aggregates.ts';
import { parseK6JsonLine } from './k6-json-line.ts';
import type { SerializedAggregates } from './serialized-aggregates.ts';

export interface K6StreamOptions {
  /** Metrics to know before the stream defines them: the script's custom metrics (init context). */
  readonly metrics?: readonly { name: string; type: MetricType; contains: ValueContains }[];
  /** Sub-metric keys to aggregate over the whole run: the thresholds' keys (`[]` entries too). */
  readonly submetrics?: readonly string[];
  /**
   * Receives each completed second as time-series lines, which are then forgotten: what keeps a
   * long stream bounded. Without it every second stays in the aggregates (and in snapshots).
   */
  readonly onSeconds?: (lines: TimeSeriesLine[]) => void;
  /** Seconds kept open behind the newest sample for stragglers (default 10). */
  readonly lagSeconds?: number;
}

export interface K6StreamStats extends RetainedCounts {
  /** Point lines aggregated. */
  points: number;
  /** Lines skipped: not JSON, an unknown metric, a bad time or value, a metric the registry refuses. */
  skipped: number;
  /** Time-series lines handed to onSeconds. */
  lines: number;
}

const DEFAULT_LAG_SECONDS = 10;
/** Completed seconds are handed out at least this often while lines arrive (and on flushSeconds()). */
const FLUSH_EVERY_POINTS = 5000;

export class K6StreamAggregator {
  readonly aggregates = new Aggregates();
  readonly #onSeconds: ((lines: TimeSeriesLine[]) => void) | undefined;
  readonly #lagSeconds: number;
  #skipped = 0;
  #lines = 0;
  #sinceFlush = 0;
  #newestSecond = Number.NEGATIVE_INFINITY;

  constructor(options: K6StreamOptions = {}) {
    this.#onSeconds = options.onSeconds;
    this.#lagSeconds = options.lagSeconds ?? DEFAULT_LAG_SECONDS;
    for (const m of options.metrics ?? []) this.aggregates.define(m.name, m.type, m.contains);
    for (const key of options.submetrics ?? []) if (key.includes('{')) this.aggregates.declareSubmetric(key);
  }

  /** One line of k6's JSON output (no trailing newline needed; blank lines are ignored). */
  push(text: string): void {
    if (text.length === 0 || text.trim() === '') return;
    const line = parseK6JsonLine(text);
    if (line === undefined) {
      this.#skipped++;
      return;
    }
    if (line.kind === 'metric') {
      if (!this.aggregates.define(line.name, line.type, line.contains)) this.#skipped++;
      else for (const key of line.submetrics) this.aggregates.declareSubmetric(key);
      return;
    }
    if (!this.aggregates.has(line.metric)) {
      this.#skipped++;
      return;
    }
    this.aggregates.addPoint(line.metric, line.value, line.tags, line.timeMs);
    const second = Math.floor(line.timeMs / 1000);
    if (second > this.#newestSecond) this.#newestSecond = second;
    if (++this.#sinceFlush >= FLUSH_EVERY_POINTS) this.flushSeconds();
  }

  /** Every line of `input` (k6's output, plain text), until it ends. */
  async consumeStream(input: Readable): Promise<void> {
    for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) this.push(text);
  }

  /** Hand out the seconds older than the newest sample minus the lag (call it on a timer too). */
  flushSeconds(): void {
    this.#sinceFlush = 0;
    this.#handOut(this.#newestSecond - this.#lagSeconds);
  }

  /** The stream ended: hand out every second left. */
  finish(): void {
    this.#sinceFlush = 0;
    this.#handOut(Number.POSITIVE_INFINITY);
  }

  /** The aggregates as JSON (format in serialized-aggregates.ts); nothing is reset. */
  snapshot(): SerializedAggregates {
    return this.aggregates.serialize();
  }

  stats(): K6StreamStats {
    return {
      points: this.aggregates.samples,
      skipped: this.#skipped,
      lines: this.#lines,
      ...this.aggregates.retained(),
    };
  }

  #handOut(beforeSecond: number): void {
    if (this.#onSeconds === undefined) return;
    const lines = this.aggregates.takeCompletedSeconds(beforeSecond);
    if (lines.length === 0) return;
    this.#lines += lines.length;
    this.#onSeconds(lines);
  }
}

export function createK6StreamAggregator(options: K6StreamOptions = {}): K6StreamAggregator {
  return new K6StreamAggregator(options);
}
