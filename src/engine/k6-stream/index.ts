// The streaming consumer of k6's `--out json` output, for anything that runs k6 and must judge it
// without k6 keeping its samples: the k6 engine on long runs, and runner pods of a distributed run
// that each aggregate their k6 and ship a snapshot for the harness to merge.
//
//   const aggregator = createK6StreamAggregator({ submetrics, onSeconds });
//   await aggregator.consumeStream(readable);       // or aggregator.push(line) per line
//   aggregator.finish();
//   const snapshot = aggregator.snapshot();          // JSON-safe, format in serialized-aggregates.ts
//   const merged = mergeAggregates([snapshotA, snapshotB]);   // histograms added, never percentiles averaged
//   const results = evaluateThresholds(merged, options.thresholds);
//   const data = summaryFromAggregates(merged, { thresholds: options.thresholds, summaryTrendStats });
//
// `data` is k6's handleSummary(data) object; writeScriptSummary() hands it to a bundle's
// handleSummary. Runs in: Node.
export { Aggregates, mergeAggregates, type RetainedCounts } from './aggregates.ts';
export { loadScriptSummary, type ScriptSummary, writeScriptSummary } from './script-summary.ts';
export {
  AGGREGATES_FORMAT,
  type SerializedAggregates,
  type SerializedMetric,
  type SerializedSecond,
} from './serialized-aggregates.ts';
export {
  createK6StreamAggregator,
  K6StreamAggregator,
  type K6StreamOptions,
  type K6StreamStats,
} from './stream-aggregator.ts';
export {
  evaluateThresholds,
  type SummaryOptions,
  summaryFromAggregates,
  type Thresholds,
} from './summary-from-aggregates.ts';
export { abortingThreshold, describeAbort, THRESHOLD_EVALUATION_MS } from './threshold-abort.ts';
