// Converts real k6's `--out json` NDJSON (optionally .gz) into our per-second time series, streaming:
// Metric lines define metrics, Point lines feed a per-second aggregator, and seconds older than the
// newest point minus a lag are written as they complete. Runs in: Node (results analysis, scripts).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { MetricRegistry } from '../metrics/registry.ts';
import type { MetricType, Tags, ValueContains } from '../metrics/types.ts';
import { parseRfc3339 } from './rfc3339.ts';
import { TimeSeriesWriter } from '../../results/timeseries-file.ts';

interface ConvertStats {
  /** Point lines aggregated. */
  points: number;
  /** Lines skipped: not JSON, unknown metric, bad time or value, or a metric our registry rejects. */
  skipped: number;
  /** Time-series lines written. */
  lines: number;
}

interface K6Line {
  type?: string;
  metric?: string;
  data?: {
    name?: string;
    type?: MetricType;
    contains?: ValueContains;
    time?: string;
    value?: number;
    tags?: Tags | null;
  };
}

/** k6 flushes every 200 ms, so points arrive nearly in time order; 10 s covers stragglers. */
const DEFAULT_LAG_SECONDS = 10;
const WRITE_EVERY_LINES = 5000;

function defineFrom(registry: MetricRegistry, line: K6Line): boolean {
  const name = line.data?.name ?? line.metric;
  if (name === undefined || line.data?.type === undefined) return false;
  try {
    registry.define(name, line.data.type, line.data.contains ?? 'default');
    return true;
  } catch {
    return false; // names from old k6 versions (dots, spaces) or conflicting redefinitions
  }
}

export async function convertK6JsonToTimeSeries(
  k6JsonPath: string,
  timeSeriesPath: string,
  options: { lagSeconds?: number } = {},
): Promise<ConvertStats> {
  const lag = options.lagSeconds ?? DEFAULT_LAG_SECONDS;
  const registry = new MetricRegistry({ timeSeries: true });
  const writer = new TimeSeriesWriter(timeSeriesPath);
  const stats: ConvertStats = { points: 0, skipped: 0, lines: 0 };
  const file = createReadStream(k6JsonPath);
  const input = k6JsonPath.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  file.on('error', (error) => input.destroy(error));
  let newestSecond = Number.NEGATIVE_INFINITY;
  let sinceWrite = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      if (text.trim() === '') continue;
      let line: K6Line;
      try {
        line = JSON.parse(text) as K6Line;
      } catch {
        stats.skipped++;
        continue;
      }
      if (line.type === 'Metric') {
        if (!defineFrom(registry, line)) stats.skipped++;
        continue;
      }
      const timeMs = parseRfc3339(line.data?.time ?? '');
      const value = line.data?.value;
      if (
        line.type !== 'Point' ||
        !line.metric ||
        !registry.has(line.metric) ||
        Number.isNaN(timeMs) ||
        typeof value !== 'number'
      ) {
        stats.skipped++;
        continue;
      }
      registry.add(line.metric, value, line.data?.tags ?? {}, timeMs);
      stats.points++;
      newestSecond = Math.max(newestSecond, Math.floor(timeMs / 1000));
      if (++sinceWrite >= WRITE_EVERY_LINES) {
        sinceWrite = 0;
        const lines = registry.takeCompletedSeconds(newestSecond - lag);
        writer.writeSeconds(lines);
        stats.lines += lines.length;
      }
    }
    const rest = registry.takeCompletedSeconds(Number.POSITIVE_INFINITY);
    writer.writeSeconds(rest);
    stats.lines += rest.length;
  } finally {
    await writer.close();
  }
  return stats;
}
