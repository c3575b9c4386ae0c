// A minimal Prometheus text-format registry (counters, histograms, gauges read at scrape time), used by
// replicas (request metrics, process and container-style CPU/memory) and the gateway (istio_* names).
// Runs in: Node (replicas, gateway, parent).

type Labels = Record<string, string>;

/** Request-latency buckets, seconds (Prometheus client defaults plus 2.5 s / 5 s / 10 s). */
export const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Istio's request-duration buckets, ms. */
export const MS_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

export class MetricsRegistry {
  readonly #counters = new Map<
    string,
    { help: string; series: Map<string, { labels: Labels; value: number }> }
  >();
  readonly #histograms = new Map<
    string,
    { help: string; buckets: number[]; series: Map<string, HistogramSeries> }
  >();
  readonly #gauges: {
    name: string;
    help: string;
    type: 'gauge' | 'counter';
    read: () => [Labels, number][];
  }[] = [];

  increment(name: string, help: string, labels: Labels, by = 1): void {
    let metric = this.#counters.get(name);
    if (!metric) {
      metric = { help, series: new Map() };
      this.#counters.set(name, metric);
    }
    const key = labelKey(labels);
    const series = metric.series.get(key);
    if (series) series.value += by;
    else metric.series.set(key, { labels, value: by });
  }

  observe(name: string, help: string, buckets: number[], labels: Labels, value: number): void {
    let metric = this.#histograms.get(name);
    if (!metric) {
      metric = { help, buckets, series: new Map() };
      this.#histograms.set(name, metric);
    }
    const key = labelKey(labels);
    let series = metric.series.get(key);
    if (!series) {
      series = { labels, counts: buckets.map(() => 0), sum: 0, count: 0 };
      metric.series.set(key, series);
    }
    for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]) series.counts[i]++;
    series.sum += value;
    series.count++;
  }

  /** A value read at scrape time (process CPU, memory…); `type` says how Prometheus should treat it. */
  collect(name: string, help: string, type: 'gauge' | 'counter', read: () => [Labels, number][]): void {
    this.#gauges.push({ name, help, type, read });
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, metric] of this.#counters) {
      lines.push(`# HELP ${name} ${metric.help}`, `# TYPE ${name} counter`);
      for (const s of metric.series.values()) lines.push(`${name}${formatLabels(s.labels)} ${s.value}`);
    }
    for (const [name, metric] of this.#histograms) {
      lines.push(`# HELP ${name} ${metric.help}`, `# TYPE ${name} histogram`);
      for (const s of metric.series.values()) {
        metric.buckets.forEach((le, i) => {
          lines.push(`${name}_bucket${formatLabels({ ...s.labels, le: String(le) })} ${s.counts[i]}`);
        });
        lines.push(`${name}_bucket${formatLabels({ ...s.labels, le: '+Inf' })} ${s.count}`);
        lines.push(
          `${name}_sum${formatLabels(s.labels)} ${s.sum}`,
          `${name}_count${formatLabels(s.labels)} ${s.count}`,
        );
      }
    }
    for (const gauge of this.#gauges) {
      lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} ${gauge.type}`);
      for (const [labels, value] of gauge.read()) lines.push(`${gauge.name}${formatLabels(labels)} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Process CPU and memory under the Node/Prometheus names and the cAdvisor names of the pod. */
export function collectProcessMetrics(registry: MetricsRegistry, pod: Labels): void {
  const cpuSeconds = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  };
  registry.collect('process_cpu_seconds_total', 'User and system CPU time, seconds.', 'counter', () => [
    [{}, cpuSeconds()],
  ]);
  registry.collect('process_resident_memory_bytes', 'Resident set size, bytes.', 'gauge', () => [
    [{}, process.memoryUsage.rss()],
  ]);
  registry.collect('nodejs_heap_used_bytes', 'V8 heap in use, bytes.', 'gauge', () => [
    [{}, process.memoryUsage().heapUsed],
  ]);
  registry.collect(
    'container_cpu_usage_seconds_total',
    'CPU time of the pod container, seconds.',
    'counter',
    () => [[pod, cpuSeconds()]],
  );
  registry.collect(
    'container_memory_working_set_bytes',
    'Working set of the pod container, bytes.',
    'gauge',
    () => [[pod, process.memoryUsage.rss()]],
  );
}

function labelKey(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}
