// A k6-operator runner pod's log as the fake cluster (operator-cluster.ts) serves it: real records
// (runner-log-protocol.ts) made from synthetic k6 samples pushed through the streaming aggregator, as a
// runner pod would print them — so the engine under test reads exactly what it reads from a cluster,
// and the test knows the series it should merge. Node side; tests only.
import { createK6StreamAggregator } from '../../../../src/engine/k6-stream/stream-aggregator.ts';
import { encodeRecord, REPORT_FORMAT } from '../../../../src/engine/k6-operator/runner-log-protocol.ts';
import type { TimeSeriesLine } from '../../../../src/results/timeseries-file.ts';

export interface SyntheticRunner {
  readonly instance: number;
  /** Unix ms of the first sample (every runner of a run starts together). */
  readonly startMs: number;
  readonly seconds: number;
  /** Requests (= iterations) per second this runner makes. */
  readonly rate: number;
  /** Share of failed requests. */
  readonly failed?: number;
  /** Request duration of request `r`, ms. */
  readonly durationMs?: (r: number) => number;
  /** VUs this runner holds. */
  readonly vus?: number;
  /** A report every this many seconds of samples. */
  readonly reportEvery?: number;
  /** k6's exit code in the final report; `undefined`: the log ends before k6 did (no final report). */
  readonly k6ExitCode?: number;
}

export interface SyntheticLog {
  /** Every line the runner printed. */
  readonly lines: string[];
  /** The lines up to (and with) the first non-final report: what was there early in the run. */
  readonly early: string[];
  /** The time-series lines of every second the runner covered (for comparing with the merge). */
  readonly series: TimeSeriesLine[];
}

const SERVICES = ['customer-service', 'product-service', 'order-service', 'payment-service'];

/** A runner pod's log, from k6 JSON samples through the aggregator and the record encoder. */
export function syntheticRunnerLog(runner: SyntheticRunner): SyntheticLog {
  const series: TimeSeriesLine[] = [];
  const pending: TimeSeriesLine[] = [];
  const aggregator = createK6StreamAggregator({
    submetrics: SERVICES.map((s) => `http_req_duration{service:${s}}`),
    onSeconds: (lines) => {
      pending.push(...lines);
      series.push(...lines);
    },
  });
  const metric = (name: string, type: string, contains: string) =>
    JSON.stringify({
      type: 'Metric',
      metric: name,
      data: { name, type, contains, thresholds: [], submetrics: null },
    });
  const point = (name: string, timeMs: number, value: number, tags: Record<string, string>) =>
    JSON.stringify({
      type: 'Point',
      metric: name,
      data: { time: new Date(timeMs).toISOString(), value, tags },
    });
  for (const [name, type, contains] of [
    ['http_reqs', 'counter', 'default'],
    ['http_req_duration', 'trend', 'time'],
    ['http_req_failed', 'rate', 'default'],
    ['checks', 'rate', 'default'],
    ['iterations', 'counter', 'default'],
    ['vus', 'gauge', 'default'],
  ] as const)
    aggregator.push(metric(name, type, contains));
  const lines: string[] = [];
  let early: string[] | undefined;
  let seq = 0;
  const report = (final: boolean) => {
    seq += 1;
    if (final) aggregator.finish();
    else aggregator.flushSeconds();
    lines.push(...encodeRecord({ kind: 'series', chunk: { seq, lines: pending.splice(0) } }));
    lines.push(
      ...encodeRecord({
        kind: 'report',
        report: {
          format: REPORT_FORMAT,
          seq,
          final,
          k6ExitCode: final ? (runner.k6ExitCode ?? 0) : null,
          aggregates: aggregator.snapshot(),
        },
      }),
    );
    if (!final && !early) early = [...lines];
  };
  lines.push(`k6 runner ${runner.instance} starting`);
  const instance = { instance_id: String(runner.instance), testrun_name: 'testrun' };
  let r = 0;
  for (let second = 0; second < runner.seconds; second++) {
    const base = runner.startMs + second * 1000;
    aggregator.push(point('vus', base, runner.vus ?? 5, { ...instance }));
    for (let i = 0; i < runner.rate; i++, r++) {
      const timeMs = base + Math.floor((i * 1000) / runner.rate);
      const service = SERVICES[r % SERVICES.length]!;
      const failed = Math.floor((r + 1) * (runner.failed ?? 0)) > Math.floor(r * (runner.failed ?? 0));
      const tags = {
        ...instance,
        service,
        status: failed ? '500' : '200',
        method: 'GET',
        scenario: 'normal',
        group: '',
      };
      aggregator.push(point('http_reqs', timeMs, 1, tags));
      aggregator.push(point('http_req_duration', timeMs, runner.durationMs?.(r) ?? 20 + (r % 50), tags));
      aggregator.push(point('http_req_failed', timeMs, failed ? 1 : 0, tags));
      aggregator.push(
        point('checks', timeMs, failed ? 0 : 1, {
          ...instance,
          check: 'status ok',
          group: '',
          scenario: 'normal',
        }),
      );
      aggregator.push(point('iterations', timeMs, 1, { ...instance, group: '', scenario: 'normal' }));
    }
    if ((second + 1) % (runner.reportEvery ?? 10) === 0 && second + 1 < runner.seconds) report(false);
  }
  if (runner.k6ExitCode !== undefined) {
    lines.push('     ✓ status ok');
    report(true);
  } else {
    aggregator.finish();
  }
  return { lines, early: early ?? [], series };
}
