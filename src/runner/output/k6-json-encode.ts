// Encodes samples as k6 `--out json` lines (k6 internal/output/json/wrapper.go field order):
//   {"metric":"<name>","type":"Point","data":{"time":"<RFC3339Nano>","value":<n>,"tags":{...}|null}}
//   {"type":"Metric","data":{"name","type","contains","thresholds":[...],"submetrics":[...]|null},"metric":"<name>"}
// A batch is plain text plus the metric names it uses, so worker threads can encode and post it.
// Runs in: Node (runner main thread and VU worker threads).
import type { MetricDescription } from '../metrics/registry.ts';
import type { Tags } from '../metrics/types.ts';
import { nanosSuffix, secondPrefix } from './rfc3339.ts';

/** Encoded Point lines ('\n'-terminated) and the metrics they reference (structured-clone safe). */
export interface K6JsonBatch {
  metrics: string[];
  text: string;
  /** Point lines in `text`. */
  lines: number;
}

/** A threshold entry as written in options.thresholds (short or long form). */
export type RawThreshold =
  | string
  | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string | number | null };

const tagsJson = new WeakMap<object, string>();

function encodeTags(tags: Tags | null | undefined): string {
  if (tags === null || tags === undefined) return 'null';
  let json = tagsJson.get(tags);
  if (json === undefined) {
    json = Object.keys(tags).length === 0 ? 'null' : JSON.stringify(tags);
    tagsJson.set(tags, json);
  }
  return json;
}

/**
 * Accumulates Point lines; metric name JSON and tag JSON are cached, so a sample costs one concat.
 * With `metricLine` (the main thread's writer), a metric's first Point is preceded by its Metric line
 * exactly where k6 puts it; a worker's batch instead lists its metrics for the writer.
 */
export class K6JsonEncoder {
  private readonly metricLine: ((metric: string) => string) | undefined;
  private parts: string[] = [];
  private points = 0;
  private readonly names = new Map<string, string>();
  private used = new Set<string>();
  private lastSecond = Number.NaN;
  private lastPrefix = '';

  constructor(metricLine?: (metric: string) => string) {
    this.metricLine = metricLine;
  }

  get size(): number {
    return this.parts.length;
  }

  add(
    metric: string,
    value: number,
    tags: Tags | null,
    timeMs: number,
    metadata?: Readonly<Record<string, string>>,
  ): void {
    let name = this.names.get(metric);
    if (name === undefined) {
      name = JSON.stringify(metric);
      this.names.set(metric, name);
      const line = this.metricLine?.(metric);
      if (line) this.parts.push(line);
    }
    this.used.add(metric);
    const second = Math.floor(timeMs / 1000);
    if (second !== this.lastSecond) {
      this.lastSecond = second;
      this.lastPrefix = secondPrefix(second);
    }
    const time = this.lastPrefix + nanosSuffix(timeMs, second);
    const number = Number.isFinite(value) ? String(value) : 'null';
    const meta =
      metadata && Object.keys(metadata).length > 0 ? `,"metadata":${JSON.stringify(metadata)}` : '';
    this.points++;
    this.parts.push(
      `{"metric":${name},"type":"Point","data":{"time":"${time}","value":${number},"tags":${encodeTags(tags)}${meta}}}\n`,
    );
  }

  /** The lines added since the previous call. */
  take(): K6JsonBatch {
    const batch = { metrics: [...this.used], text: this.parts.join(''), lines: this.points };
    this.parts = [];
    this.points = 0;
    this.used = new Set();
    return batch;
  }
}

function encodeThreshold(raw: RawThreshold): unknown {
  if (typeof raw === 'string') return raw;
  // k6 writes the long form only when abortOnFail is set; delayAbortEval as its duration text or null.
  if (!raw.abortOnFail) return raw.threshold;
  const delay = raw.delayAbortEval;
  return {
    threshold: raw.threshold,
    abortOnFail: true,
    delayAbortEval: delay === undefined || delay === null ? null : String(delay),
  };
}

export function encodeK6MetricLine(
  description: MetricDescription,
  thresholds: readonly RawThreshold[] = [],
): string {
  const envelope = {
    type: 'Metric',
    data: {
      name: description.name,
      type: description.type,
      contains: description.contains,
      thresholds: thresholds.map(encodeThreshold),
      submetrics: description.submetrics.length > 0 ? description.submetrics : null,
    },
    metric: description.name,
  };
  return `${JSON.stringify(envelope)}\n`;
}
