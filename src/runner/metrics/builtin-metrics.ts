// k6's built-in metrics (names, types, value kinds as in k6's metrics/builtin.go and the metrics
// reference), predefined in every registry so thresholds on them validate before the run.
// Runs in: Node (runner main thread and VU worker threads).
import type { MetricType, ValueContains } from './types.ts';

interface MetricDefinition {
  name: string;
  type: MetricType;
  contains: ValueContains;
}

export const BUILTIN_METRICS: readonly MetricDefinition[] = [
  { name: 'vus', type: 'gauge', contains: 'default' },
  { name: 'vus_max', type: 'gauge', contains: 'default' },
  { name: 'iterations', type: 'counter', contains: 'default' },
  { name: 'iteration_duration', type: 'trend', contains: 'time' },
  { name: 'dropped_iterations', type: 'counter', contains: 'default' },
  { name: 'checks', type: 'rate', contains: 'default' },
  { name: 'group_duration', type: 'trend', contains: 'time' },
  { name: 'data_sent', type: 'counter', contains: 'data' },
  { name: 'data_received', type: 'counter', contains: 'data' },
  { name: 'http_reqs', type: 'counter', contains: 'default' },
  { name: 'http_req_failed', type: 'rate', contains: 'default' },
  { name: 'http_req_duration', type: 'trend', contains: 'time' },
  { name: 'http_req_blocked', type: 'trend', contains: 'time' },
  { name: 'http_req_connecting', type: 'trend', contains: 'time' },
  { name: 'http_req_tls_handshaking', type: 'trend', contains: 'time' },
  { name: 'http_req_sending', type: 'trend', contains: 'time' },
  { name: 'http_req_waiting', type: 'trend', contains: 'time' },
  { name: 'http_req_receiving', type: 'trend', contains: 'time' },
];

/** k6 shows this sub-metric in the summary whenever it has samples (expected_response system tag on). */
export const DEFAULT_SUBMETRICS: readonly string[] = ['http_req_duration{expected_response:true}'];

const BY_NAME = new Map(BUILTIN_METRICS.map((m) => [m.name, m]));

export function builtinMetric(name: string): MetricDefinition | undefined {
  return BY_NAME.get(name);
}
