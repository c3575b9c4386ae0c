// Streaming outputs of a run: the per-second time series (our NDJSON) and k6's `--out json` (every
// sample; worker threads send encoded batches that `addJsonBatch` appends). Runs in: main thread.
import type { MetricRegistry } from './metrics/registry.ts';
import type { TimeSeriesLine } from './metrics/types.ts';
import type { K6JsonBatch, RawThreshold } from './output/k6-json-encode.ts';
import { K6JsonOutput } from './output/json-output.ts';
import { TimeSeriesWriter } from '../results/timeseries-file.ts';
import { tapRegistry } from './sample-tap.ts';

interface RunOutputs {
  writeSeconds?: (lines: TimeSeriesLine[]) => void;
  addJsonBatch?: (batch: K6JsonBatch) => void;
  close(): Promise<void>;
}

interface OutputInput {
  registry: MetricRegistry;
  outJsonPath?: string;
  timeSeriesPath?: string;
  /** options.thresholds as written (shown on k6's Metric lines). */
  thresholds?: Record<string, readonly RawThreshold[]>;
}

export function createOutputs(input: OutputInput): RunOutputs {
  const series = input.timeSeriesPath ? new TimeSeriesWriter(input.timeSeriesPath) : undefined;
  const json = input.outJsonPath
    ? new K6JsonOutput(input.outJsonPath, {
        describe: (name) => input.registry.describe(name),
        thresholds: input.thresholds,
      })
    : undefined;
  if (json)
    tapRegistry(input.registry, (metric, value, tags, timeMs) => json.addSample(metric, value, tags, timeMs));
  return {
    writeSeconds: series ? (lines) => series.writeSeconds(lines) : undefined,
    addJsonBatch: json ? (batch) => json.addBatch(batch) : undefined,
    async close() {
      await Promise.all([series?.close(), json?.close()]);
    },
  };
}
