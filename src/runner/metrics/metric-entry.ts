// Internal records of the metric registry: a metric with its sink, sub-metrics and per-second buckets,
// and the read-only aggregate view handed to thresholds and the summary.
// Runs in: Node (runner main thread and VU worker threads).
import { ConfigError } from '../../errors.ts';
import { createSink } from './create-sink.ts';
import { SecondBuckets } from './second-buckets.ts';
import { METRIC_NAME, type TagFilter } from './tag-filter.ts';
import type { MetricAggregate, MetricType, Sink, Tags, ValueContains } from './types.ts';

export interface MetricEntry {
  name: string;
  type: MetricType;
  contains: ValueContains;
  sink: Sink;
  submetrics: SubmetricEntry[];
  seconds: SecondBuckets | undefined;
  announced: boolean;
}

export interface SubmetricEntry {
  key: string;
  suffix: string;
  tags: Tags;
  filter: TagFilter;
  identity: string;
  parent: MetricEntry;
  sink: Sink;
  observed: boolean;
  announced: boolean;
}

/** What the k6 JSON output's `Metric` line describes. */
export interface MetricDescription {
  name: string;
  type: MetricType;
  contains: ValueContains;
  submetrics: { name: string; suffix: string; tags: Tags }[];
}

export function viewOf(name: string, entry: MetricEntry, sink: Sink): MetricAggregate {
  return {
    name,
    type: entry.type,
    contains: entry.contains,
    get count() {
      return sink.count;
    },
    value: (stat, testDurationMs) => sink.value(stat, testDurationMs),
  };
}

const TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'rate', 'trend']);
const CONTAINS: ReadonlySet<string> = new Set(['default', 'time', 'data']);

/** A new, empty metric; ConfigError listing every problem with its name, type or contains. */
export function createMetricEntry(
  name: string,
  type: MetricType,
  contains: ValueContains,
  timeSeries: boolean,
): MetricEntry {
  const problems: string[] = [];
  if (!METRIC_NAME.test(name))
    problems.push(`metric ${name}: invalid name (expected [a-zA-Z_][a-zA-Z0-9_]{0,127})`);
  if (!TYPES.has(type))
    problems.push(`metric ${name}: invalid type (got ${type}, expected counter|gauge|rate|trend)`);
  if (!CONTAINS.has(contains)) {
    problems.push(`metric ${name}: invalid contains (got ${contains}, expected default|time|data)`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid metric "${name}"`, problems);
  const seconds = timeSeries ? new SecondBuckets(name, type) : undefined;
  return { name, type, contains, sink: createSink(type), submetrics: [], seconds, announced: false };
}

export function describeEntry(entry: MetricEntry): MetricDescription {
  const submetrics = entry.submetrics.map((s) => ({ name: s.key, suffix: s.suffix, tags: s.tags }));
  return { name: entry.name, type: entry.type, contains: entry.contains, submetrics };
}
