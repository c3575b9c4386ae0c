// The three time charts of report.html (throughput with VUs, latency percentiles, error rate), all
// on one time axis with the same annotations so a fault lines up across them. Runs in: Node.
import type { Annotations } from './report-annotations.ts';
import type { ChartData } from './chart-data.ts';
import type { ChartSpec } from './chart-spec.ts';
import { escapeHtml } from './escape-html.ts';

interface TimeChart {
  title: string;
  spec: ChartSpec;
}

export function timeChartsOf(data: ChartData, notes: Annotations): TimeChart[] {
  const base = { x: data.t, bands: notes.bands, markers: notes.markers };
  return [
    {
      title: 'Throughput and virtual users',
      spec: {
        ...base,
        id: 'chart-throughput',
        series: [
          { label: 'req/s', values: data.rps, color: '#2563eb', unit: 'rps', fill: true },
          { label: 'VUs', values: data.vus, color: '#64748b', unit: 'vus', rightAxis: true },
        ],
      },
    },
    {
      title: 'Latency percentiles',
      spec: {
        ...base,
        id: 'chart-latency',
        series: [
          { label: 'p50', values: data.p50, color: '#0891b2', unit: 'ms' },
          { label: 'p95', values: data.p95, color: '#d97706', unit: 'ms' },
          { label: 'p99', values: data.p99, color: '#dc2626', unit: 'ms' },
        ],
      },
    },
    {
      title: 'Error rate',
      spec: {
        ...base,
        id: 'chart-errors',
        heightPx: 180,
        series: [
          {
            label: 'errors',
            values: data.errorRate.map((r) => (r === null ? null : r * 100)),
            color: '#b91c1c',
            unit: 'percent',
            fill: true,
          },
        ],
      },
    },
  ];
}

/** Which kinds of marks the charts carry, as a key above them. */
function markKey(notes: Annotations): string {
  const tones = new Set<string>([...notes.bands.map((b) => b.tone), ...notes.markers.map((m) => m.tone)]);
  const names: Record<string, string> = {
    phase: 'phase',
    chaos: 'chaos (injection → provider recovery)',
    recovered: 'recovery seen by users',
    breaking: 'breaking point',
    lag: 'generator lagged',
  };
  const keys = Object.keys(names)
    .filter((tone) => tones.has(tone))
    .map((tone) => `<span class="legend-key ${tone}"></span>${escapeHtml(names[tone])}`);
  return keys.length ? `<p class="subtle">Marked on the charts:${keys.join('')}</p>` : '';
}

export function chartsSection(charts: readonly TimeChart[], notes: Annotations, bucketS: number): string {
  const noteList = notes.notes.length
    ? `<ul class="notes">${notes.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    : '';
  const blocks = charts
    .map(
      (c) =>
        `<div class="chart-block"><h3>${escapeHtml(c.title)}</h3><div class="chart" id="${escapeHtml(c.spec.id)}"></div></div>`,
    )
    .join('\n');
  const resolution = bucketS > 1 ? ` · one point per ${bucketS} s` : '';
  return `<section class="panel" id="charts"><h2>Over time <span class="subtle">(UTC${resolution})</span></h2>
${noteList}${markKey(notes)}
${blocks}
</section>`;
}
