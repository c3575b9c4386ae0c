// Per-second buckets of one metric, one sink per (second, tag-set), for the time series. Buckets
// leave memory when taken as a delta (workers) or written as completed seconds (main thread).
// Runs in: Node (runner main thread and VU worker threads).
import { latencyBucketPairs } from '../../results/latency-histogram.ts';
import { createSink } from './create-sink.ts';
import type { SecondTrendSink } from './second-trend-sink.ts';
import { seriesTagsOf } from './series-key.ts';
import type { MetricsDelta, MetricType, Sink, Tags, TimeSeriesLine } from './types.ts';

interface Bucket {
  tags: Tags;
  sink: Sink;
}

/** A time-series line plus its sort key, so a registry can order lines across metrics. */
export interface KeyedLine {
  tagKey: string;
  line: TimeSeriesLine;
}

/** The one metric whose lines carry their samples' buckets: the analyses read its percentiles by slice. */
const HISTOGRAM_METRIC = 'http_req_duration';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lines ordered by second, metric, then tag-set: the file order of the time series. */
export function sortKeyedLines(keyed: KeyedLine[]): TimeSeriesLine[] {
  keyed.sort(
    (a, b) => a.line.t - b.line.t || compare(a.line.metric, b.line.metric) || compare(a.tagKey, b.tagKey),
  );
  return keyed.map((k) => k.line);
}

export class SecondBuckets {
  readonly metric: string;
  readonly type: MetricType;
  private readonly seconds = new Map<number, Map<string, Bucket>>();
  // Samples arrive mostly within the current second: cache its map to skip one lookup per sample.
  private lastSecond = Number.NaN;
  private lastMap: Map<string, Bucket> | undefined;

  constructor(metric: string, type: MetricType) {
    this.metric = metric;
    this.type = type;
  }

  private bucketsOf(second: number): Map<string, Bucket> {
    if (second === this.lastSecond && this.lastMap !== undefined) return this.lastMap;
    let map = this.seconds.get(second);
    if (map === undefined) {
      map = new Map();
      this.seconds.set(second, map);
    }
    this.lastSecond = second;
    this.lastMap = map;
    return map;
  }

  private bucket(second: number, tagKey: string, tags: Tags): Bucket {
    const map = this.bucketsOf(second);
    let bucket = map.get(tagKey);
    if (bucket === undefined) {
      bucket = { tags, sink: createSink(this.type, true) };
      map.set(tagKey, bucket);
    }
    return bucket;
  }

  add(value: number, tags: Tags, timeMs: number): void {
    const series = seriesTagsOf(tags);
    this.bucket(Math.floor(timeMs / 1000), series.key, series.tags).sink.add(value, timeMs);
  }

  /** Move every bucket (complete or not) into `out`; deltas of one second merge additively. */
  takeDelta(out: MetricsDelta['seconds']): void {
    for (const [t, map] of this.seconds) {
      for (const [tagKey, bucket] of map) {
        out.push({ t, metric: this.metric, tagKey, tags: bucket.tags, sink: bucket.sink.takeDelta() });
      }
    }
    this.clear();
  }

  mergeDelta(entry: MetricsDelta['seconds'][number]): void {
    this.bucket(entry.t, entry.tagKey, entry.tags).sink.mergeDelta(entry.sink);
  }

  /** Seconds held and (second, tag-set) buckets across them: what has not been taken yet. */
  pending(): { seconds: number; buckets: number } {
    let buckets = 0;
    for (const map of this.seconds.values()) buckets += map.size;
    return { seconds: this.seconds.size, buckets };
  }

  /** Move the lines of every second before `beforeSecond` into `out` and forget those seconds. */
  takeCompleted(beforeSecond: number, out: KeyedLine[]): void {
    for (const [t, map] of this.seconds) {
      if (t >= beforeSecond) continue;
      for (const [tagKey, bucket] of map) {
        const line: TimeSeriesLine = {
          t,
          metric: this.metric,
          type: this.type,
          tags: bucket.tags,
          values: bucket.sink.seriesValues(),
        };
        if (this.metric === HISTOGRAM_METRIC) {
          const samples = (bucket.sink as Partial<SecondTrendSink>).samples?.();
          if (samples) line.hist = latencyBucketPairs(samples);
        }
        out.push({ tagKey, line });
      }
      this.seconds.delete(t);
      if (t === this.lastSecond) this.lastMap = undefined;
    }
  }

  private clear(): void {
    this.seconds.clear();
    this.lastMap = undefined;
    this.lastSecond = Number.NaN;
  }
}
