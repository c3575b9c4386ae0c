// The aggregates of one k6 sample stream (or of several, merged): whole-run sinks per metric and
// sub-metric, per-second sinks per series tag set until they are written out, the group/check tree
// and the time span the samples cover. Its size depends on how many metrics, sub-metrics, checks
// and open seconds there are, never on how many samples went in — the reason it exists: real k6
// keeps every Trend sample for its own summary (grafana/k6#763, #4670).
// Built on the local runner's MetricRegistry and CheckTree, so numbers agree with a local run to the
// bit. JSON form and merge rules: serialized-aggregates.ts. Runs in: Node.
import { CheckTree } from '../../runner/check-tree.ts';
import { MetricRegistry } from '../../runner/metrics/registry.ts';
import { seriesTagsOf } from '../../runner/metrics/series-key.ts';
import type {
  MetricAggregate,
  MetricsDelta,
  MetricType,
  Tags,
  TimeSeriesLine,
  ValueContains,
} from '../../runner/metrics/types.ts';
import { AGGREGATES_FORMAT, type SerializedAggregates } from './serialized-aggregates.ts';

/** What the aggregates hold (not what went in): flat however long the stream, once seconds are written out. */
export interface RetainedCounts {
  metrics: number;
  submetrics: number;
  /** Seconds with per-second sinks not yet written out. */
  openSeconds: number;
  /** (second, metric, tag set) sinks across those seconds. */
  openBuckets: number;
  /** Distinct (group, check) pairs. */
  checks: number;
}

export class Aggregates {
  readonly registry = new MetricRegistry({ timeSeries: true });
  readonly checks = new CheckTree();
  /** Point lines aggregated. */
  samples = 0;
  firstSampleMs: number | undefined;
  lastSampleMs: number | undefined;

  /** False when the registry refuses the name (old k6 names with dots) or a conflicting redefinition. */
  define(name: string, type: MetricType, contains: ValueContains = 'default'): boolean {
    try {
      this.registry.define(name, type, contains);
      return true;
    } catch {
      return false;
    }
  }

  /** Keep a whole-run aggregate for this tag filter from now on; false if its metric is unknown or the key is malformed. */
  declareSubmetric(key: string, observed = true): boolean {
    try {
      this.registry.defineSubmetric(key, { observed });
      return true;
    } catch {
      return false;
    }
  }

  has(metric: string): boolean {
    return this.registry.has(metric);
  }

  typeOf(metric: string): MetricType | undefined {
    return this.registry.typeOf(metric);
  }

  /** The hot path: one sample of a defined metric. */
  addPoint(metric: string, value: number, tags: Tags, timeMs: number): void {
    this.registry.add(metric, value, tags, timeMs);
    // The root_group of k6's summary: checks by group, and groups as they report their duration.
    if (metric === 'checks') this.checks.recordCheck(tags.group ?? '', tags.check ?? '', value !== 0);
    else if (metric === 'group_duration' && tags.group) this.checks.ensureGroup(tags.group);
    this.samples++;
    if (this.firstSampleMs === undefined || timeMs < this.firstSampleMs) this.firstSampleMs = timeMs;
    if (this.lastSampleMs === undefined || timeMs > this.lastSampleMs) this.lastSampleMs = timeMs;
  }

  /** Time from the first to the last sample: the test run's duration as the stream saw it. */
  get spanMs(): number {
    return this.firstSampleMs === undefined || this.lastSampleMs === undefined
      ? 0
      : this.lastSampleMs - this.firstSampleMs;
  }

  /** A metric or sub-metric (any spelling of its tags), aggregated over the whole run. */
  get(key: string): MetricAggregate | undefined {
    return this.registry.get(key);
  }

  /** Time-series lines of every second before `beforeSecond`; those seconds are then forgotten. */
  takeCompletedSeconds(beforeSecond: number): TimeSeriesLine[] {
    return this.registry.takeCompletedSeconds(beforeSecond);
  }

  retained(): RetainedCounts {
    return { ...this.registry.retained(), checks: this.checks.snapshot().checks.length };
  }

  /** The JSON form; the aggregates are left as they were. */
  serialize(): SerializedAggregates {
    const delta = this.registry.snapshotDelta();
    const tree = this.checks.snapshot();
    return {
      format: AGGREGATES_FORMAT,
      samples: this.samples,
      firstSampleMs: this.firstSampleMs ?? null,
      lastSampleMs: this.lastSampleMs ?? null,
      metrics: delta.metrics.map((m) => ({
        ...m,
        submetrics: delta.submetrics.filter((s) => s.key.slice(0, s.key.indexOf('{')) === m.name),
      })),
      seconds: delta.seconds.map(({ t, metric, tags, sink }) => ({ t, metric, tags, sink })),
      groups: tree.groups,
      checks: tree.checks,
    };
  }

  /** Adds another stream's aggregates to these (histograms added, counts summed, span widened). */
  merge(other: SerializedAggregates): void {
    if (other?.format !== AGGREGATES_FORMAT)
      throw new Error(
        `not k6 aggregates (format ${JSON.stringify(other?.format)}, expected ${AGGREGATES_FORMAT})`,
      );
    const delta: MetricsDelta = {
      metrics: other.metrics.map(({ name, type, contains, sink }) => ({ name, type, contains, sink })),
      submetrics: other.metrics.flatMap((m) => m.submetrics.map((s) => ({ ...s }))),
      seconds: other.seconds.map(({ t, metric, tags, sink }) => ({
        t,
        metric,
        tags,
        tagKey: seriesTagsOf(tags).key,
        sink,
      })),
    };
    this.registry.mergeDelta(delta);
    this.checks.mergeDelta({ groups: other.groups, checks: other.checks });
    this.samples += other.samples;
    if (other.firstSampleMs !== null)
      this.firstSampleMs = Math.min(this.firstSampleMs ?? other.firstSampleMs, other.firstSampleMs);
    if (other.lastSampleMs !== null)
      this.lastSampleMs = Math.max(this.lastSampleMs ?? other.lastSampleMs, other.lastSampleMs);
  }
}

/** One set of aggregates from the snapshots of several streams (e.g. one per runner pod). */
export function mergeAggregates(list: readonly SerializedAggregates[]): Aggregates {
  const merged = new Aggregates();
  for (const aggregates of list) merged.merge(aggregates);
  return merged;
}
