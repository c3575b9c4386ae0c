// The JSON form of a k6 stream's aggregates, for handing them between processes (the runner pods of
// a distributed run each stream their k6 and ship a snapshot; the harness merges them). Format
// `c4ang-perf/k6-aggregates@1`, every field plain JSON:
//
//   format        "c4ang-perf/k6-aggregates@1"
//   samples       Point lines aggregated
//   firstSampleMs epoch ms of the earliest sample, null before any; lastSampleMs likewise the latest
//   metrics[]     whole-run aggregates, one per metric k6 defined (empty ones included):
//                 { name, type: counter|gauge|rate|trend, contains: default|time|data, sink,
//                   submetrics: [{ key: "name{tag:value,…}", observed, sink }] }
//                 Sub-metrics are the tag filters k6 itself keeps whole-run: thresholds' keys (their
//                 `[]` entries too), k6's default `http_req_duration{expected_response:true}` and any
//                 a Metric line announces. `observed`: shown in the summary even with no samples.
//   seconds[]     per-second aggregates per metric and series tag set (a sample's tags minus url,
//                 vu, iter) not yet written out as time-series lines: { t: unix second, metric, tags,
//                 sink }. Lines come from them, once a second is complete, as the time series both
//                 engines write (src/results/timeseries-file.ts).
//   groups[]      group paths seen ('' is the root, '::a::b' nested)
//   checks[]      [groupPath, checkName, passes, fails]
//
// A `sink` is the runner's SinkDelta, by type:
//   counter { kind, count: samples, sum }       gauge { kind, count, value: last, timeMs: of last, min, max }
//   rate    { kind, passes, fails }             trend { kind, count, sum, min, max, hist, values? }
// where `hist` is an HDR histogram (hdr-histogram-js encodeIntoCompressedBase64; values × 1000, i.e.
// µs for time trends; 3 significant digits) or '' when empty; a per-second trend with few samples
// carries them raw in `values` instead (≤ 1024), which keeps the latency buckets of that second's
// `http_req_duration` line exact after a merge. Merging adds counts, sums and histograms (never
// averages percentiles), keeps min/max, and a gauge's latest value by sample time.
// Runs in: Node.
import type { CheckTreeDelta } from '../../runner/check-tree.ts';
import type { MetricType, SinkDelta, Tags, ValueContains } from '../../runner/metrics/types.ts';

export const AGGREGATES_FORMAT = 'c4ang-perf/k6-aggregates@1';

export interface SerializedMetric {
  readonly name: string;
  readonly type: MetricType;
  readonly contains: ValueContains;
  readonly sink: SinkDelta;
  readonly submetrics: readonly {
    readonly key: string;
    readonly observed: boolean;
    readonly sink: SinkDelta;
  }[];
}

export interface SerializedSecond {
  readonly t: number;
  readonly metric: string;
  readonly tags: Tags;
  readonly sink: SinkDelta;
}

export interface SerializedAggregates {
  readonly format: typeof AGGREGATES_FORMAT;
  readonly samples: number;
  readonly firstSampleMs: number | null;
  readonly lastSampleMs: number | null;
  readonly metrics: readonly SerializedMetric[];
  readonly seconds: readonly SerializedSecond[];
  readonly groups: CheckTreeDelta['groups'];
  readonly checks: CheckTreeDelta['checks'];
}
