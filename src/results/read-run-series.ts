// Reads a run's per-second time series (either engine's: the format is the results layer's own) into
// a RunSeries: one point per second (or coarse span) with request counts, a latency histogram, VUs,
// iterations and per-service / per-operation (and, in a canary run, per-version) slices. Streams the
// file: memory grows with the number of points, not of requests. Runs in: Node.
import { readTimeSeries, type TimeSeriesLine } from './timeseries-file.ts';
import { LatencyHistogram, type QuantileLine } from './latency-histogram.ts';
import type { RequestCounts, RunSeries, SeriesPoint, VersionSlice } from './types.ts';

/** Metrics the analyses read; every other line is skipped before it is parsed. */
const WANTED = new Set([
  'http_req_duration',
  'http_req_failed',
  'vus',
  'iterations',
  'dropped_iterations',
  'gateway_overflows',
  'local_iteration_start_lag',
  'local_event_loop_delay',
]);
const METRIC_FIELD = /"metric":"([^"]+)"/;

type Slice = RequestCounts & { latency: LatencyHistogram };

interface Building extends SeriesPoint {
  phaseCounts: Map<string, number>;
}

function newPoint(t: number, spanS: number): Building {
  return {
    t,
    spanS,
    requests: 0,
    failed: 0,
    latency: new LatencyHistogram(),
    vus: null,
    iterations: 0,
    droppedIterations: 0,
    overflows: 0,
    startLagP99Ms: null,
    loopDelayP99Ms: null,
    phase: '',
    byService: {},
    byOperation: {},
    phaseCounts: new Map(),
  };
}

function sliceOf(map: Record<string, Slice>, name: string | undefined): Slice | undefined {
  if (!name) return undefined;
  map[name] ??= { requests: 0, failed: 0, latency: new LatencyHistogram() };
  return map[name];
}

/** A canary run's version slice (and, inside it, the service's); none for untagged lines. */
function versionSlices(point: Building, tags: TimeSeriesLine['tags']): Slice[] {
  if (!tags.version) return [];
  point.byVersion ??= {};
  point.byVersion[tags.version] ??= {
    requests: 0,
    failed: 0,
    latency: new LatencyHistogram(),
    byService: {},
  };
  const version: VersionSlice = point.byVersion[tags.version];
  const service = sliceOf(version.byService, tags.service);
  return service ? [version, service] : [version];
}

/** Adds one time-series line to its point. Exported for tests and converters. */
function addLine(point: Building, line: TimeSeriesLine): void {
  const v = line.values;
  const tags = line.tags;
  switch (line.metric) {
    case 'http_req_duration': {
      const q = v as unknown as QuantileLine;
      const latencies = [
        point.latency,
        sliceOf(point.byService, tags.service)?.latency,
        sliceOf(point.byOperation, tags.op)?.latency,
        ...versionSlices(point, tags).map((slice) => slice.latency),
      ];
      for (const latency of latencies) {
        if (!latency) continue;
        // Stored buckets when the line has them (exact to 2 %), else rebuilt from its percentiles.
        if (line.hist) latency.addBuckets(line.hist, q.min, q.max);
        else latency.addQuantiles(q);
      }
      if (tags.phase) point.phaseCounts.set(tags.phase, (point.phaseCounts.get(tags.phase) ?? 0) + q.count);
      return;
    }
    case 'http_req_failed': {
      const requests = (v.passes ?? 0) + (v.fails ?? 0);
      const failed = v.passes ?? 0;
      point.requests += requests;
      point.failed += failed;
      const slices = [
        sliceOf(point.byService, tags.service),
        sliceOf(point.byOperation, tags.op),
        ...versionSlices(point, tags),
      ];
      for (const slice of slices) {
        if (!slice) continue;
        slice.requests += requests;
        slice.failed += failed;
      }
      return;
    }
    case 'vus':
      point.vus = Math.max(point.vus ?? 0, v.max ?? v.value ?? 0);
      return;
    case 'iterations':
      point.iterations += v.count ?? 0;
      return;
    case 'dropped_iterations':
      point.droppedIterations += v.count ?? 0;
      return;
    case 'gateway_overflows': {
      const count = v.count ?? 0;
      point.overflows += count;
      // Per service for the CircuitBreakerOpen alert, which the platform raises per service.
      if (tags.service) {
        point.overflowsByService ??= {};
        point.overflowsByService[tags.service] = (point.overflowsByService[tags.service] ?? 0) + count;
      }
      return;
    }
    case 'local_iteration_start_lag':
      if (typeof v['p(99)'] === 'number')
        point.startLagP99Ms = Math.max(point.startLagP99Ms ?? 0, v['p(99)']);
      if (typeof v['p(90)'] === 'number')
        point.startLagP90Ms = Math.max(point.startLagP90Ms ?? 0, v['p(90)']);
      return;
    case 'local_event_loop_delay':
      point.loopDelayP99Ms = Math.max(point.loopDelayP99Ms ?? 0, v.max ?? v.value ?? 0);
      return;
  }
}

function finish(point: Building): SeriesPoint {
  let best = '';
  let bestCount = -1;
  for (const [phase, count] of point.phaseCounts) {
    if (count > bestCount) {
      best = phase;
      bestCount = count;
    }
  }
  const { phaseCounts: _, ...rest } = point;
  return { ...rest, phase: best };
}

/** Builds a RunSeries from time-series lines in any order. */
export async function collectRunSeries(
  lines: AsyncIterable<TimeSeriesLine> | Iterable<TimeSeriesLine>,
): Promise<RunSeries> {
  const points = new Map<number, Building>();
  for await (const line of lines) {
    if (!WANTED.has(line.metric)) continue;
    const spanS = (line as { span?: number }).span ?? 1;
    let point = points.get(line.t);
    if (!point) {
      point = newPoint(line.t, spanS);
      points.set(line.t, point);
    }
    addLine(point, line);
  }
  const sorted = [...points.values()].sort((a, b) => a.t - b.t).map(finish);
  const last = sorted[sorted.length - 1];
  return {
    points: sorted,
    startT: sorted[0]?.t ?? 0,
    endT: last ? last.t + last.spanS - 1 : 0,
  };
}

/** Streams only the lines the analyses need (the metric name is matched before JSON parsing). */
async function* wantedLines(path: string): AsyncIterable<TimeSeriesLine> {
  for await (const line of readTimeSeries(path, (text) => WANTED.has(METRIC_FIELD.exec(text)?.[1] ?? ''))) {
    yield line;
  }
}

export function readRunSeries(timeSeriesPath: string): Promise<RunSeries> {
  return collectRunSeries(wantedLines(timeSeriesPath));
}
