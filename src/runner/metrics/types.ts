// Shared vocabulary of the local runner's metrics: k6's metric types, the sink contract every
// metric type implements, and the serializable delta that worker threads send to the main thread.
// Runs in: Node (runner main thread and VU worker threads).

/** k6's four metric types. */
export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';
/** What a metric's values mean: plain numbers, durations in ms, or sizes in bytes. */
export type ValueContains = 'default' | 'time' | 'data';
/** Tags of one sample, tag name → value. Reuse frozen objects per request site: keys are cached per object. */
export type Tags = Readonly<Record<string, string>>;

/** Read access to one metric or sub-metric, aggregated over the whole test so far. */
export interface MetricAggregate {
  /** Metric name, or the full sub-metric key such as `http_req_duration{status:200}`. */
  name: string;
  type: MetricType;
  contains: ValueContains;
  /** Number of samples recorded (for a counter this is NOT its `count` stat, which is the sum). */
  count: number;
  /**
   * One aggregation, or undefined when the stat does not apply to the type.
   * counter: count (sum), rate (sum per second of `testDurationMs`); gauge: value (last), min, max;
   * rate: rate (0..1), passes, fails; trend: avg, min, max, med, count, p(N) with N in 0..100.
   * Time trends are in ms, data in bytes. Empty metrics report 0 for every stat, as k6 does.
   */
  value(stat: string, testDurationMs: number): number | undefined;
}

/** Serializable state of one sink, as accumulated since the previous delta (structured-clone safe). */
export type SinkDelta =
  | { kind: 'counter'; count: number; sum: number }
  | { kind: 'gauge'; count: number; value: number; timeMs: number; min: number; max: number }
  | { kind: 'rate'; passes: number; fails: number }
  /**
   * `hist`: HDR histogram (value × 1000, i.e. µs for time trends), compressed base64, '' if none;
   * `values`: raw samples instead, from small per-second buckets.
   */
  | { kind: 'trend'; count: number; sum: number; min: number; max: number; hist: string; values?: number[] };

/** Aggregating storage for one metric (or one per-second series) of one type. */
export interface Sink {
  readonly count: number;
  add(value: number, timeMs: number): void;
  value(stat: string, testDurationMs: number): number | undefined;
  /** The values of one time-series line (this sink holds exactly one second). */
  seriesValues(): Record<string, number>;
  /** Current state as a delta, then reset to empty. */
  takeDelta(): SinkDelta;
  mergeDelta(delta: SinkDelta): void;
}

/** Everything a registry recorded since its previous `takeDelta()`. */
export interface MetricsDelta {
  metrics: { name: string; type: MetricType; contains: ValueContains; sink: SinkDelta }[];
  /** `observed`: declared to be shown in the summary even without samples (e.g. by a threshold). */
  submetrics: { key: string; observed: boolean; sink: SinkDelta }[];
  /** Per-second buckets (only from registries with `timeSeries: true`); partial seconds merge additively. */
  seconds: { t: number; metric: string; tagKey: string; tags: Tags; sink: SinkDelta }[];
}

/** One line of the time series; the file format belongs to the results layer. */
export type { TimeSeriesLine } from '../../results/timeseries-file.ts';
