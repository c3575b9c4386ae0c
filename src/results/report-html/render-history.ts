// history.html: every finished run from results/history.ndjson, per profile, with p95, error rate
// and throughput across runs (x = start time) and a table of the runs newest first, so a slow
// regression over weeks shows as a trend. One self-contained offline file. Runs in: Node.
import type { ChartSpec } from './chart-spec.ts';
import { escapeHtml } from './escape-html.ts';
import { formatMs, formatPercent, formatRate } from '../format-values.ts';
import { formatTime } from './format-time.ts';
import { type Column, htmlTable } from './html-table.ts';
import { renderPage } from './page-shell.ts';
import { statusBadge } from './report-tables.ts';

/** The fields of one results/history.ndjson line this page reads. */
export interface HistoryEntry {
  runId: string;
  profile: string;
  /** ISO 8601. */
  startedAt: string;
  status: string;
  /** Absent when the run never finished (a crash left its line behind). */
  exitCode?: number;
  /** The verdict; absent on lines written before verdicts existed. */
  pass?: boolean;
  overall?: { p95Ms: number | null; errorRate: number | null; rps: number };
}

interface ProfileRuns {
  profile: string;
  /** Oldest first. */
  runs: HistoryEntry[];
}

function byProfile(entries: readonly HistoryEntry[]): ProfileRuns[] {
  const groups = new Map<string, HistoryEntry[]>();
  for (const e of entries) {
    if (!Number.isFinite(Date.parse(e.startedAt))) continue;
    groups.set(e.profile, [...(groups.get(e.profile) ?? []), e]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([profile, runs]) => ({
      profile,
      runs: runs.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)),
    }));
}

/** A profile name is free text: keep only what is safe and unique enough inside an element id. */
function chartId(profile: string, index: number, metric: string): string {
  return `history-${index}-${profile.replace(/[^a-z0-9-]/gi, '_')}-${metric}`;
}

function chartsOf(group: ProfileRuns, index: number): { title: string; spec: ChartSpec }[] {
  const x = group.runs.map((r) => Date.parse(r.startedAt) / 1000);
  // A failed run is marked on every chart of its profile, whichever figure failed it.
  const markers = group.runs
    .filter((r) => r.pass === false)
    .map((r) => ({ atS: Date.parse(r.startedAt) / 1000, label: 'failed', tone: 'failed' as const }));
  // One run (or runs within a minute) gives no time span: show the day around it.
  const first = x[0] ?? 0;
  const last = x[x.length - 1] ?? 0;
  const xRangeS: [number, number] | undefined =
    last - first < 60 ? [first - 43_200, last + 43_200] : undefined;
  const common = { x, bands: [], markers, showPoints: true, heightPx: 180, ...(xRangeS ? { xRangeS } : {}) };
  const p95 = group.runs.map((r) => r.overall?.p95Ms ?? null);
  const errors = group.runs.map((r) => (r.overall?.errorRate == null ? null : r.overall.errorRate * 100));
  const rps = group.runs.map((r) => r.overall?.rps ?? null);
  return [
    {
      title: 'p95 latency',
      spec: {
        ...common,
        id: chartId(group.profile, index, 'p95'),
        series: [{ label: 'p95', values: p95, color: '#d97706', unit: 'ms' }],
      },
    },
    {
      title: 'Error rate',
      spec: {
        ...common,
        id: chartId(group.profile, index, 'errors'),
        series: [{ label: 'errors', values: errors, color: '#b91c1c', unit: 'percent' }],
      },
    },
    {
      title: 'Throughput',
      spec: {
        ...common,
        id: chartId(group.profile, index, 'rps'),
        series: [{ label: 'req/s', values: rps, color: '#2563eb', unit: 'rps' }],
      },
    },
  ];
}

const runColumns: Column<HistoryEntry>[] = [
  { header: 'Started', cell: (r) => escapeHtml(formatTime(r.startedAt)) },
  { header: 'Run id', cell: (r) => `<code>${escapeHtml(r.runId)}</code>` },
  {
    header: 'Verdict',
    cell: (r) =>
      r.pass === undefined ? '<span class="subtle">—</span>' : statusBadge(r.pass ? 'pass' : 'fail'),
  },
  { header: 'Status', cell: (r) => escapeHtml(r.status) },
  { header: 'Exit', numeric: true, cell: (r) => escapeHtml(r.exitCode ?? '—') },
  { header: 'p95', numeric: true, cell: (r) => escapeHtml(formatMs(r.overall?.p95Ms)) },
  { header: 'Errors', numeric: true, cell: (r) => escapeHtml(formatPercent(r.overall?.errorRate)) },
  { header: 'Throughput', numeric: true, cell: (r) => escapeHtml(formatRate(r.overall?.rps)) },
];

export function renderHistoryHtml(entries: HistoryEntry[]): string {
  const groups = byProfile(entries);
  const specs: ChartSpec[] = [];
  const sections = groups.map((group, index) => {
    // Runs that never got a verdict have no figures: say so rather than draw empty axes.
    const charts = group.runs.some((r) => r.overall) ? chartsOf(group, index) : [];
    specs.push(...charts.map((c) => c.spec));
    const blocks = charts
      .map(
        (c) =>
          `<div><h3>${escapeHtml(c.title)}</h3><div class="chart" id="${escapeHtml(c.spec.id)}"></div></div>`,
      )
      .join('\n');
    const newestFirst = [...group.runs].reverse();
    return `<section class="panel" id="profile-${index}">
<h2>${escapeHtml(group.profile)} <span class="subtle">· ${group.runs.length} run${group.runs.length === 1 ? '' : 's'}</span></h2>
${charts.length ? `<div class="history-charts">\n${blocks}\n</div>` : '<p class="empty">No run of this profile recorded figures to chart.</p>'}
${htmlTable(runColumns, newestFirst)}
</section>`;
  });
  const header = `<section class="panel"><h1>Run history</h1><p class="subtle">${entries.length} runs across ${groups.length} profiles · times in UTC</p></section>`;
  const empty = groups.length
    ? ''
    : '<section class="panel"><p class="empty">No runs recorded yet.</p></section>';
  return renderPage({
    title: 'c4ang-perf run history',
    bodyHtml: [header, empty, ...sections].filter(Boolean).join('\n'),
    data: { charts: specs },
  });
}
