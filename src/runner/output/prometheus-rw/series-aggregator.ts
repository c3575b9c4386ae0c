// Samples → Prometheus series, aggregated as k6's remote-write output aggregates them: one sink per
// (metric, tag set) for the whole run — counters cumulative (a `_total` that `rate()` can read),
// gauges the last value by sample time, rates the pass fraction so far, trends their stats so far —
// stamped with the series' newest sample time (ms) and sent only when it changed since the last push.
//
// Memory stays bounded: a trend keeps exact count/sum/min/max plus a compact HDR histogram (a few KB
// at most, whatever the number of samples, where k6 keeps every value); tag sets leave out `url`
// (as the runner's time series does: the URL of every entity id is a new series, and `name` carries
// the URL anyway unless a script groups URLs under a template); and the store holds at most
// MAX_SERIES series, samples of further tag sets being dropped with one warning.
//
// Worker threads keep a `SeriesDeltas` (what changed since their last snapshot, per tag set) and the
// main thread merges those, so a sample recorded on any thread is counted once.
// Runs in: Node (SeriesDeltas in VU worker threads, SeriesAggregator on the runner main thread).
import { buildHistogram } from '../../metrics/hdr-units.ts';
import { createSink } from '../../metrics/create-sink.ts';
import type { CounterSink } from '../../metrics/counter-sink.ts';
import type { GaugeSink } from '../../metrics/gauge-sink.ts';
import { seriesTagsOf } from '../../metrics/series-key.ts';
import { TrendSink } from '../../metrics/trend-sink.ts';
import type { MetricType, Sink, SinkDelta, Tags, ValueContains } from '../../metrics/types.ts';
import { inBaseUnit, seriesLabels, seriesNames, type TrendStat, withName } from './metric-naming.ts';

/** Bounds the store: past it, a new tag set's samples are dropped (a script putting ids in tags). */
export const MAX_SERIES = 10_000;

export interface MetricKind {
  type: MetricType;
  contains: ValueContains;
}

type Describe = (metric: string) => MetricKind | undefined;

/** What one thread recorded for one series since its previous snapshot (structured-clone safe). */
export interface SeriesDelta extends MetricKind {
  metric: string;
  /** Identity of the tag set (series-key.ts). */
  key: string;
  tags: Tags;
  /** Newest sample time, epoch ms. */
  latestMs: number;
  sink: SinkDelta;
}

/** One remote-write time series with its one sample of this push. */
export interface PromSeries {
  /** Sorted by name, `__name__` included. */
  labels: [string, string][];
  value: number;
  timestampMs: number;
}

interface Pending extends MetricKind {
  metric: string;
  key: string;
  tags: Tags;
  latestMs: number;
  sink: Sink;
}

/** Caches each metric's kind (a registry lookup per sample would cost on the hot path). */
function kindCache(describe: Describe): (metric: string) => MetricKind | undefined {
  const kinds = new Map<string, MetricKind | undefined>();
  return (metric) => {
    if (!kinds.has(metric)) kinds.set(metric, describe(metric));
    return kinds.get(metric);
  };
}

/** A thread's samples since its last snapshot, per series; emptied by `take()`. */
export class SeriesDeltas {
  readonly #kindOf: (metric: string) => MetricKind | undefined;
  #byMetric = new Map<string, Map<string, Pending>>();

  constructor(describe: Describe) {
    this.#kindOf = kindCache(describe);
  }

  add(metric: string, value: number, tags: Tags, timeMs: number): void {
    let series = this.#byMetric.get(metric);
    if (series === undefined) {
      if (this.#kindOf(metric) === undefined) return;
      series = new Map();
      this.#byMetric.set(metric, series);
    }
    const { key, tags: kept } = seriesTagsOf(tags);
    let entry = series.get(key);
    if (entry === undefined) {
      const kind = this.#kindOf(metric) as MetricKind;
      // Per-second trend sinks: raw values while few, so a quiet series costs bytes, not a histogram.
      entry = { metric, ...kind, key, tags: kept, latestMs: timeMs, sink: createSink(kind.type, true) };
      series.set(key, entry);
    }
    entry.sink.add(value, timeMs);
    if (timeMs > entry.latestMs) entry.latestMs = timeMs;
  }

  take(): SeriesDelta[] {
    const deltas: SeriesDelta[] = [];
    for (const series of this.#byMetric.values())
      for (const e of series.values())
        deltas.push({
          metric: e.metric,
          type: e.type,
          contains: e.contains,
          key: e.key,
          tags: e.tags,
          latestMs: e.latestMs,
          sink: e.sink.takeDelta(),
        });
    this.#byMetric = new Map();
    return deltas;
  }
}

interface Stored extends MetricKind {
  /** Label sets per series name (one per trend stat, else one), `__name__` included. */
  labelSets: [string, string][][];
  sink: Sink;
  latestMs: number;
  sentMs: number;
  dirty: boolean;
}

export interface AggregatorOptions {
  trendStats: readonly TrendStat[];
  staticLabels?: Readonly<Record<string, string>>;
  describe: Describe;
  maxSeries?: number;
  /** Called once, when the first sample is dropped for lack of room. */
  onLimit?: (maxSeries: number) => void;
}

/** The run's series on the main thread: whole-run aggregates, the changed ones collected per push. */
export class SeriesAggregator {
  readonly #options: AggregatorOptions;
  readonly #kindOf: (metric: string) => MetricKind | undefined;
  readonly #byMetric = new Map<string, Map<string, Stored>>();
  #count = 0;
  /** Samples dropped because the store was full. */
  droppedSamples = 0;

  constructor(options: AggregatorOptions) {
    this.#options = options;
    this.#kindOf = kindCache(options.describe);
  }

  get seriesCount(): number {
    return this.#count;
  }

  /** A sample recorded on this thread. */
  add(metric: string, value: number, tags: Tags, timeMs: number): void {
    const kind = this.#kindOf(metric);
    if (kind === undefined) return;
    const { key, tags: kept } = seriesTagsOf(tags);
    const stored = this.#stored(metric, kind, key, kept);
    if (stored === undefined) {
      this.droppedSamples++;
      return;
    }
    stored.sink.add(value, timeMs);
    this.#touch(stored, timeMs);
  }

  /** Snapshots of worker threads. */
  merge(deltas: readonly SeriesDelta[]): void {
    for (const d of deltas) {
      const stored = this.#stored(d.metric, d, d.key, d.tags);
      if (stored === undefined) {
        this.droppedSamples += d.sink.kind === 'rate' ? d.sink.passes + d.sink.fails : d.sink.count;
        continue;
      }
      stored.sink.mergeDelta(d.sink);
      this.#touch(stored, d.latestMs);
    }
  }

  /**
   * Every series changed since the previous call, one sample each. Timestamps only move forward per
   * series (a sample merged late from a worker still gets sent, 1 ms after the previous one).
   * `unsent()` marks them changed again, for the next push after a failed one.
   */
  collect(): { series: PromSeries[]; unsent(): void } {
    const series: PromSeries[] = [];
    const taken: Stored[] = [];
    for (const byKey of this.#byMetric.values())
      for (const s of byKey.values()) {
        if (!s.dirty) continue;
        const timestampMs = Math.max(Math.floor(s.latestMs), s.sentMs + 1);
        const values = this.#values(s);
        for (let i = 0; i < values.length; i++)
          series.push({ labels: s.labelSets[i]!, value: values[i]!, timestampMs });
        s.sentMs = timestampMs;
        s.dirty = false;
        taken.push(s);
      }
    return {
      series,
      unsent: () => {
        for (const s of taken) s.dirty = true;
      },
    };
  }

  #values(s: Stored): number[] {
    switch (s.type) {
      case 'counter':
        return [(s.sink as CounterSink).sum];
      case 'gauge':
        return [(s.sink as GaugeSink).last];
      case 'rate':
        return [s.sink.value('rate', 0) ?? 0];
      case 'trend': {
        const trend = s.sink as TrendSink;
        return this.#options.trendStats.map(({ stat }) =>
          inBaseUnit(s.contains, stat, stat === 'sum' ? trend.sum : (trend.value(stat) ?? 0)),
        );
      }
    }
  }

  #touch(stored: Stored, timeMs: number): void {
    if (timeMs > stored.latestMs) stored.latestMs = timeMs;
    stored.dirty = true;
  }

  #stored(metric: string, kind: MetricKind, key: string, tags: Tags): Stored | undefined {
    let byKey = this.#byMetric.get(metric);
    if (byKey === undefined) {
      byKey = new Map();
      this.#byMetric.set(metric, byKey);
    }
    const found = byKey.get(key);
    if (found !== undefined) return found;
    const max = this.#options.maxSeries ?? MAX_SERIES;
    if (this.#count >= max) {
      if (this.droppedSamples === 0) this.#options.onLimit?.(max);
      return undefined;
    }
    const labels = seriesLabels(tags, this.#options.staticLabels ?? {});
    const stored: Stored = {
      type: kind.type,
      contains: kind.contains,
      labelSets: seriesNames(metric, kind.type, this.#options.trendStats).map((name) =>
        withName(name, labels),
      ),
      sink: kind.type === 'trend' ? new TrendSink(buildHistogram({ compact: true })) : createSink(kind.type),
      latestMs: Number.NEGATIVE_INFINITY,
      sentMs: Number.NEGATIVE_INFINITY,
      dirty: false,
    };
    byKey.set(key, stored);
    this.#count++;
    return stored;
  }
}
