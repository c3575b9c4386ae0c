// Internal records of the metric registry: a metric with its sink, sub-metrics and per-second buckets,
// and the read-only aggregate view handed to thresholds and the summary.
// Runs in: Node (runner main thread and VU worker threads).
import type { SecondBuckets } from './second-buckets.ts';
import type { TagFilter } from './tag-filter.ts';
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
