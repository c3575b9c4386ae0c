// Converts real k6's `--out json` NDJSON file (optionally .gz), after a run, into our per-second time
// series. Every line goes through the same per-sample reducer as k6's live stream on long runs
// (src/engine/k6-stream/stream-aggregator.ts), so a converted run and a streamed one read the same:
// Metric lines define metrics, Point lines feed per-second aggregates, and seconds older than the
// newest point minus a lag are written as they complete. Runs in: Node (results analysis, scripts).
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createK6StreamAggregator } from '../../engine/k6-stream/stream-aggregator.ts';
import { TimeSeriesWriter } from '../../results/timeseries-file.ts';

interface ConvertStats {
  /** Point lines aggregated. */
  points: number;
  /** Lines skipped: not JSON, unknown metric, bad time or value, or a metric our registry rejects. */
  skipped: number;
  /** Time-series lines written. */
  lines: number;
}

export async function convertK6JsonToTimeSeries(
  k6JsonPath: string,
  timeSeriesPath: string,
  options: { lagSeconds?: number } = {},
): Promise<ConvertStats> {
  const writer = new TimeSeriesWriter(timeSeriesPath);
  const aggregator = createK6StreamAggregator({
    onSeconds: (lines) => writer.writeSeconds(lines),
    ...(options.lagSeconds !== undefined ? { lagSeconds: options.lagSeconds } : {}),
  });
  const file = createReadStream(k6JsonPath);
  const input = k6JsonPath.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  file.on('error', (error) => input.destroy(error));
  try {
    await aggregator.consumeStream(input);
    aggregator.finish();
  } finally {
    await writer.close();
  }
  const { points, skipped, lines } = aggregator.stats();
  return { points, skipped, lines };
}
