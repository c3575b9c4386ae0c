// Streaming outputs of a run: the per-second time series (our NDJSON), k6's `--out json` (every
// sample; worker threads send encoded batches that `addJsonBatch` appends) and `--out
// experimental-prometheus-rw` (series aggregated here; worker threads send per-series deltas that
// `addPromRwDeltas` merges). Each sees a sample once: this thread's through the registry tap, the
// workers' only through their snapshots. Runs in: main thread.
import type { MetricRegistry } from './metrics/registry.ts';
import type { TimeSeriesLine } from './metrics/types.ts';
import type { K6JsonBatch, RawThreshold } from './output/k6-json-encode.ts';
import { K6JsonOutput } from './output/json-output.ts';
import { TimeSeriesWriter } from '../results/timeseries-file.ts';
import { PrometheusRwOutput } from './output/prometheus-rw/prometheus-rw-output.ts';
import type { RemoteWriteConfig } from './output/prometheus-rw/rw-config.ts';
import type { SeriesDelta } from './output/prometheus-rw/series-aggregator.ts';
import { tapRegistry } from './sample-tap.ts';
import type { LogLevel } from './vu-host.ts';

interface RunOutputs {
  writeSeconds?: (lines: TimeSeriesLine[]) => void;
  addJsonBatch?: (batch: K6JsonBatch) => void;
  addPromRwDeltas?: (deltas: readonly SeriesDelta[]) => void;
  /** Output descriptions for the run banner, e.g. `Prometheus remote write (http://…)`. */
  descriptions: string[];
  /** Flushes and closes every output; remote write pushes what is left first (bounded in time). */
  close(): Promise<void>;
}

interface OutputInput {
  registry: MetricRegistry;
  outJsonPath?: string;
  timeSeriesPath?: string;
  /** options.thresholds as written (shown on k6's Metric lines). */
  thresholds?: Record<string, readonly RawThreshold[]>;
  /** `--out experimental-prometheus-rw`, configured from K6_PROMETHEUS_RW_*. */
  prometheusRw?: RemoteWriteConfig;
  log: (level: LogLevel, message: string) => void;
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
  const promRw = input.prometheusRw
    ? new PrometheusRwOutput(input.prometheusRw, {
        describe: (n) => input.registry.describe(n),
        log: input.log,
      })
    : undefined;
  if (promRw) {
    tapRegistry(input.registry, (metric, value, tags, timeMs) =>
      promRw.addSample(metric, value, tags, timeMs),
    );
    promRw.start();
  }
  return {
    writeSeconds: series ? (lines) => series.writeSeconds(lines) : undefined,
    addJsonBatch: json ? (batch) => json.addBatch(batch) : undefined,
    addPromRwDeltas: promRw ? (deltas) => promRw.addDeltas(deltas) : undefined,
    descriptions: promRw ? [promRw.describe()] : [],
    async close() {
      await Promise.all([series?.close(), json?.close(), promRw?.close()]);
    },
  };
}
