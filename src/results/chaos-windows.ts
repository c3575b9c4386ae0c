// Error rate and latency before, during and after each chaos fault, read from the run's per-second
// time series, so chaos.json shows at a glance whether retries hid the fault. Runs in: Node.
import { readTimeSeries } from '../runner/output/timeseries.ts';

/** A time window of the run, in Unix milliseconds [fromMs, toMs). */
export interface Window {
  readonly name: string;
  readonly fromMs: number;
  readonly toMs: number;
}

export interface WindowStats {
  readonly from: string;
  readonly to: string;
  /** Requests that completed in the window. */
  readonly requests: number;
  /** Failed requests / requests, 0..1; null without requests. */
  readonly errorRate: number | null;
  /**
   * Highest p(95) of http_req_duration of any one tag set (operation, status…) in any second of the
   * window, ms; null without requests. Percentiles of different series cannot be merged, so this is
   * the slowest operation's figure, not the p95 of all requests.
   */
  readonly worstOperationP95Ms: number | null;
}

interface Accumulator {
  requests: number;
  failed: number;
  worstP95: number | null;
}

export async function computeWindowStats(
  timeSeriesPath: string,
  windows: readonly Window[],
): Promise<Record<string, WindowStats>> {
  const acc = new Map<string, Accumulator>(
    windows.map((w) => [w.name, { requests: 0, failed: 0, worstP95: null }]),
  );
  for await (const line of readTimeSeries(timeSeriesPath)) {
    if (line.metric !== 'http_req_failed' && line.metric !== 'http_req_duration') continue;
    const atMs = line.t * 1000;
    for (const window of windows) {
      if (atMs < window.fromMs || atMs >= window.toMs) continue;
      const a = acc.get(window.name)!;
      const values = line.values as Record<string, number>;
      if (line.metric === 'http_req_failed') {
        a.requests += (values.passes ?? 0) + (values.fails ?? 0);
        a.failed += values.passes ?? 0;
      } else if (typeof values['p(95)'] === 'number') {
        a.worstP95 = Math.max(a.worstP95 ?? 0, values['p(95)']);
      }
    }
  }
  const stats: Record<string, WindowStats> = {};
  for (const window of windows) {
    const a = acc.get(window.name)!;
    stats[window.name] = {
      from: new Date(window.fromMs).toISOString(),
      to: new Date(window.toMs).toISOString(),
      requests: a.requests,
      errorRate: a.requests ? a.failed / a.requests : null,
      worstOperationP95Ms: a.requests ? a.worstP95 : null,
    };
  }
  return stats;
}
