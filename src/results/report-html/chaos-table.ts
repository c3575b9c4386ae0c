// The chaos fault table of report.html: per fault, error rate and p95 before, during and after it,
// how long users and the provider took to recover, and the service that suffered most. Runs in: Node.
import type { ChaosFaultAnalysis, ChaosWindowStats } from '../types.ts';
import { NO_BAND } from '../describe-analysis.ts';
import { escapeHtml } from './escape-html.ts';
import { formatMs, formatPercent } from '../format-values.ts';
import { formatClock } from './format-time.ts';
import { type Column, htmlTable } from './html-table.ts';

type WindowName = ChaosWindowStats['name'];

function windowOf(fault: ChaosFaultAnalysis, name: WindowName): ChaosWindowStats | undefined {
  return fault.windows.find((w) => w.name === name);
}

const WINDOW_NAMES: readonly WindowName[] = ['before', 'during', 'after'];

/** One figure per window, `before → during → after`; a window that cannot blame the target is flagged. */
function windowsCell(fault: ChaosFaultAnalysis, pick: (w: ChaosWindowStats) => string): string {
  const flagged: string[] = [];
  const values = WINDOW_NAMES.map((name) => {
    const w = windowOf(fault, name);
    if (!w) return '—';
    if (w.inconclusive) flagged.push(`${name}: ${w.inconclusive}`);
    return escapeHtml(pick(w)) + (w.inconclusive ? '<sup>?</sup>' : '');
  });
  const note = flagged.length ? `<div class="subtle">${escapeHtml(flagged.join('; '))}</div>` : '';
  return `${values.join(' <span class="subtle">→</span> ')}${note}`;
}

function recoveryCell(ms: number | null): string {
  return ms === null ? '<span class="worse">not recovered</span>' : escapeHtml(formatMs(ms));
}

const columns: Column<ChaosFaultAnalysis>[] = [
  {
    header: 'Experiment',
    cell: (f) =>
      `<code>${escapeHtml(f.experiment)}</code><div class="subtle">${escapeHtml(f.kind)}` +
      (f.selected.length ? ` · ${escapeHtml(f.selected.join(', '))}` : '') +
      '</div>',
  },
  { header: 'Injected (UTC)', cell: (f) => escapeHtml(formatClock(f.injectedMs)) },
  {
    header: 'Errors before → during → after',
    numeric: true,
    cell: (f) => windowsCell(f, (w) => formatPercent(w.errorRate)),
  },
  {
    header: 'p95 before → during → after',
    numeric: true,
    cell: (f) => windowsCell(f, (w) => formatMs(w.p95Ms)),
  },
  {
    header: 'Recovery (users)',
    numeric: true,
    cell: (f) =>
      f.recoveryMs === null && f.band === null
        ? `not measured<div class="subtle">${escapeHtml(NO_BAND)}</div>`
        : recoveryCell(f.recoveryMs),
  },
  { header: 'Recovery (provider)', numeric: true, cell: (f) => recoveryCell(f.providerRecoveryMs) },
  {
    header: 'Worst service (during)',
    cell: (f) => {
      const worst = windowOf(f, 'during')?.worstService;
      if (!worst) return '—';
      return `<code>${escapeHtml(worst.name)}</code><div class="subtle">${escapeHtml(
        `${formatPercent(worst.errorRate)} errors · p95 ${formatMs(worst.p95Ms)}`,
      )}</div>`;
    },
  },
];

export function chaosTable(faults: readonly ChaosFaultAnalysis[]): string {
  return htmlTable(columns, faults, { id: 'chaos', emptyText: 'No chaos was injected in this run.' });
}
