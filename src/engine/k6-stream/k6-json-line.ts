// One line of k6's `--out json` NDJSON, read into what the aggregates need: a Metric line (name,
// type, contains, the sub-metrics k6 announces for it) or a Point (metric, epoch ms, value, tags).
// Anything else — not JSON, an unknown type, a bad time or value — is `undefined`, to be counted as
// skipped: a stream from a newer k6 with a field we do not know must not stop the run.
// Runs in: Node.
import type { MetricType, Tags, ValueContains } from '../../runner/metrics/types.ts';
import { parseRfc3339 } from '../../runner/output/rfc3339.ts';

export interface K6MetricLine {
  readonly kind: 'metric';
  readonly name: string;
  readonly type: MetricType;
  readonly contains: ValueContains;
  /** Sub-metric keys (`http_req_duration{expected_response:true}`) k6 keeps for this metric. */
  readonly submetrics: readonly string[];
}

export interface K6PointLine {
  readonly kind: 'point';
  readonly metric: string;
  readonly timeMs: number;
  readonly value: number;
  readonly tags: Tags;
}

interface RawLine {
  type?: unknown;
  metric?: unknown;
  data?: {
    name?: unknown;
    type?: unknown;
    contains?: unknown;
    submetrics?: unknown;
    time?: unknown;
    value?: unknown;
    tags?: unknown;
  };
}

const NO_TAGS: Tags = Object.freeze({});

function submetricKeys(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .map((s) => (s !== null && typeof s === 'object' ? (s as { name?: unknown }).name : undefined))
    .filter((name): name is string => typeof name === 'string' && name.includes('{'));
}

export function parseK6JsonLine(text: string): K6MetricLine | K6PointLine | undefined {
  let line: RawLine;
  try {
    line = JSON.parse(text) as RawLine;
  } catch {
    return undefined;
  }
  if (line === null || typeof line !== 'object') return undefined;
  const data = line.data;
  if (data === null || typeof data !== 'object') return undefined;
  if (line.type === 'Point') {
    const timeMs = typeof data.time === 'string' ? parseRfc3339(data.time) : Number.NaN;
    if (typeof line.metric !== 'string' || typeof data.value !== 'number' || Number.isNaN(timeMs))
      return undefined;
    const tags = data.tags !== null && typeof data.tags === 'object' ? (data.tags as Tags) : NO_TAGS;
    return { kind: 'point', metric: line.metric, timeMs, value: data.value, tags };
  }
  if (line.type === 'Metric') {
    const name = typeof data.name === 'string' ? data.name : line.metric;
    if (typeof name !== 'string' || typeof data.type !== 'string') return undefined;
    const contains = typeof data.contains === 'string' ? data.contains : 'default';
    return {
      kind: 'metric',
      name,
      type: data.type as MetricType,
      contains: contains as ValueContains,
      submetrics: submetricKeys(data.submetrics),
    };
  }
  return undefined;
}
