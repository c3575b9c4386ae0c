// The metric registry: k6's metrics and sub-metrics with whole-test aggregates, optional per-second
// buckets for the time series, and deltas so each worker thread records into its own registry and the
// main thread merges. Runs in: Node (runner main thread and VU worker threads).
import { ConfigError, EngineError } from '../../errors.ts';
import { BUILTIN_METRICS, DEFAULT_SUBMETRICS } from './builtin-metrics.ts';
import { createSink } from './create-sink.ts';
import {
  createMetricEntry,
  describeEntry,
  type MetricDescription,
  type MetricEntry,
  type SubmetricEntry,
  viewOf,
} from './metric-entry.ts';
import { type KeyedLine, sortKeyedLines } from './second-buckets.ts';
import { filterIdentity, matchesTags, parseMetricKey, toTagFilter } from './tag-filter.ts';
import type {
  MetricAggregate,
  MetricsDelta,
  MetricType,
  Sink,
  SinkDelta,
  Tags,
  TimeSeriesLine,
  ValueContains,
} from './types.ts';

export type { MetricDescription } from './metric-entry.ts';

export class MetricRegistry {
  private readonly metrics = new Map<string, MetricEntry>();
  /** Canonical sub-metric keys and their aliases (same tags written differently). */
  private readonly submetrics = new Map<string, SubmetricEntry>();
  private readonly timeSeries: boolean;

  /** `timeSeries`: keep per-second buckets (tags minus url/vu/iter) for `takeCompletedSeconds`. */
  constructor(options: { timeSeries?: boolean } = {}) {
    this.timeSeries = options.timeSeries ?? false;
    for (const m of BUILTIN_METRICS) this.define(m.name, m.type, m.contains);
    for (const key of DEFAULT_SUBMETRICS) this.defineSubmetric(key, { observed: false });
  }

  /** Idempotent. Same name with another type/contains → ConfigError naming both. */
  define(name: string, type: MetricType, contains: ValueContains = 'default'): void {
    const existing = this.metrics.get(name);
    if (existing !== undefined) {
      if (existing.type === type && existing.contains === contains) return;
      throw new ConfigError(`metric "${name}" is already defined with another type`, [
        `metric ${name}: redefined (got ${type}/${contains}, expected ${existing.type}/${existing.contains})`,
      ]);
    }
    this.metrics.set(name, createMetricEntry(name, type, contains, this.timeSeries));
  }

  has(name: string): boolean {
    return this.metrics.has(name);
  }

  /** The type of a defined metric; pass `(n) => registry.typeOf(n)` to `parseThresholds`. */
  typeOf(name: string): MetricType | undefined {
    return this.metrics.get(name)?.type;
  }

  /**
   * Declare a sub-metric such as `http_req_duration{service:order-service,op:order_create}`. Idempotent
   * (also for the same tags in another order). Returns the canonical key. `observed` (default true):
   * shown in the summary even without samples, as k6 does for sub-metrics named by thresholds.
   */
  defineSubmetric(selector: string, options: { observed?: boolean } = {}): string {
    const parsed = parseMetricKey(selector);
    if (!parsed.ok) throw new ConfigError(`invalid sub-metric "${selector}"`, [parsed.problem]);
    const { metric, key, suffix, tags } = parsed.value;
    const parent = this.metrics.get(metric);
    if (parent === undefined)
      throw new ConfigError(`unknown metric in "${selector}"`, [`${selector}: no metric ${metric}`]);
    if (suffix === undefined || tags === undefined) throw new ConfigError(`"${selector}" has no tag filter`);
    const filter = toTagFilter(tags);
    const identity = filterIdentity(filter);
    let entry = this.submetrics.get(key) ?? parent.submetrics.find((s) => s.identity === identity);
    if (entry === undefined) {
      entry = {
        key,
        suffix,
        tags,
        filter,
        identity,
        parent,
        sink: createSink(parent.type),
        observed: false,
        announced: false,
      };
      parent.submetrics.push(entry);
    }
    this.submetrics.set(key, entry);
    if (options.observed ?? true) entry.observed = true;
    return entry.key;
  }

  /** Hot path. Time trends in ms (fractional ok), data in bytes, rate 0/1 or boolean; `timeMs` epoch ms. */
  add(name: string, value: number | boolean, tags: Tags, timeMs: number = Date.now()): void {
    const entry = this.metrics.get(name);
    if (entry === undefined) throw new EngineError(`metric "${name}" is not defined`);
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    entry.sink.add(v, timeMs);
    const subs = entry.submetrics;
    for (let i = 0; i < subs.length; i++) {
      const sub = subs[i]!;
      if (matchesTags(sub.filter, tags)) sub.sink.add(v, timeMs);
    }
    if (entry.seconds !== undefined) entry.seconds.add(v, tags, timeMs);
  }

  /** Everything recorded since the previous call (sinks reset), plus metrics not yet announced. */
  takeDelta(): MetricsDelta {
    const delta: MetricsDelta = { metrics: [], submetrics: [], seconds: [] };
    for (const m of this.metrics.values()) {
      if (m.sink.count > 0 || !m.announced) {
        delta.metrics.push({ name: m.name, type: m.type, contains: m.contains, sink: m.sink.takeDelta() });
        m.announced = true;
      }
      for (const s of m.submetrics) {
        if (s.sink.count === 0 && s.announced) continue;
        delta.submetrics.push({ key: s.key, observed: s.observed, sink: s.sink.takeDelta() });
        s.announced = true;
      }
      m.seconds?.takeDelta(delta.seconds);
    }
    return delta;
  }

  /** Merge a delta from another registry (a worker thread); defines metrics it does not know yet. */
  mergeDelta(delta: MetricsDelta): void {
    for (const m of delta.metrics) {
      this.define(m.name, m.type, m.contains);
      this.metrics.get(m.name)!.sink.mergeDelta(m.sink);
    }
    for (const s of delta.submetrics) {
      const key = this.defineSubmetric(s.key, { observed: s.observed });
      this.submetrics.get(key)!.sink.mergeDelta(s.sink);
    }
    if (!this.timeSeries) return;
    for (const entry of delta.seconds) this.metrics.get(entry.metric)?.seconds?.mergeDelta(entry);
  }

  /**
   * Everything recorded so far as one delta, leaving the registry exactly as it was: every metric and
   * sub-metric (empty ones too, so a merged copy still knows them) and every per-second bucket not yet
   * taken. For copies elsewhere (serialized aggregates); workers use takeDelta().
   */
  snapshotDelta(): MetricsDelta {
    // Take then merge back: merging a delta is exact for every sink (sums, last-by-time, HDR counts),
    // so this reads the state without a second way of encoding it.
    const peek = (sink: Sink): SinkDelta => {
      const delta = sink.takeDelta();
      sink.mergeDelta(delta);
      return delta;
    };
    const delta: MetricsDelta = { metrics: [], submetrics: [], seconds: [] };
    for (const m of this.metrics.values()) {
      delta.metrics.push({ name: m.name, type: m.type, contains: m.contains, sink: peek(m.sink) });
      for (const s of m.submetrics)
        delta.submetrics.push({ key: s.key, observed: s.observed, sink: peek(s.sink) });
      if (m.seconds === undefined) continue;
      const taken: MetricsDelta['seconds'] = [];
      m.seconds.takeDelta(taken);
      for (const entry of taken) m.seconds.mergeDelta(entry);
      delta.seconds.push(...taken);
    }
    return delta;
  }

  /** What the registry holds, for bounded-memory checks: aggregates kept and per-second buckets not yet taken. */
  retained(): { metrics: number; submetrics: number; openSeconds: number; openBuckets: number } {
    let submetrics = 0;
    let openSeconds = 0;
    let openBuckets = 0;
    for (const m of this.metrics.values()) {
      submetrics += m.submetrics.length;
      const pending = m.seconds?.pending();
      openSeconds = Math.max(openSeconds, pending?.seconds ?? 0);
      openBuckets += pending?.buckets ?? 0;
    }
    return { metrics: this.metrics.size, submetrics, openSeconds, openBuckets };
  }

  /**
   * Lines of every second before `beforeSecond` (unix s), ordered by second, metric and tags; those
   * seconds are forgotten. Late samples for a second already taken would produce a second line for it,
   * so callers keep a lag of ~2 s while running and pass Infinity at the end.
   */
  takeCompletedSeconds(beforeSecond: number): TimeSeriesLine[] {
    const keyed: KeyedLine[] = [];
    for (const m of this.metrics.values()) m.seconds?.takeCompleted(beforeSecond, keyed);
    return sortKeyedLines(keyed);
  }

  /** Every metric name and canonical sub-metric key, in definition order. */
  metricNames(): string[] {
    const names: string[] = [];
    for (const m of this.metrics.values()) {
      names.push(m.name);
      for (const s of m.submetrics) names.push(s.key);
    }
    return names;
  }

  /** Canonical key for a metric name or any spelling of a declared sub-metric. */
  resolveKey(nameOrSubmetricKey: string): string | undefined {
    if (this.metrics.has(nameOrSubmetricKey)) return nameOrSubmetricKey;
    return this.findSubmetric(nameOrSubmetricKey)?.key;
  }

  get(nameOrSubmetricKey: string): MetricAggregate | undefined {
    const metric = this.metrics.get(nameOrSubmetricKey);
    if (metric !== undefined) return viewOf(metric.name, metric, metric.sink);
    const sub = this.findSubmetric(nameOrSubmetricKey);
    return sub === undefined ? undefined : viewOf(sub.key, sub.parent, sub.sink);
  }

  /** By any spelling: exact key first, then the same tags written in another order or quoting. */
  private findSubmetric(key: string): SubmetricEntry | undefined {
    const known = this.submetrics.get(key);
    if (known !== undefined) return known;
    const parsed = parseMetricKey(key);
    if (!parsed.ok || parsed.value.tags === undefined) return undefined;
    const identity = filterIdentity(toTagFilter(parsed.value.tags));
    return this.metrics.get(parsed.value.metric)?.submetrics.find((s) => s.identity === identity);
  }

  /** k6 lists a metric in the summary once it has samples, or when a threshold declared it (or a sub-metric of it). */
  isObserved(nameOrSubmetricKey: string): boolean {
    const metric = this.metrics.get(nameOrSubmetricKey);
    if (metric !== undefined) return metric.sink.count > 0 || metric.submetrics.some((s) => s.observed);
    const sub = this.findSubmetric(nameOrSubmetricKey);
    return sub !== undefined && (sub.observed || sub.sink.count > 0);
  }

  describe(name: string): MetricDescription | undefined {
    const entry = this.metrics.get(name);
    return entry === undefined ? undefined : describeEntry(entry);
  }
}
