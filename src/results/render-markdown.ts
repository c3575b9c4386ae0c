// report.md: the verdict sized for a GitHub job summary or a PR comment — headline and reason,
// run metadata, the criteria table, chaos and profile findings, per-service figures and the
// per-operation table folded away. Every cell is escaped. Runs in: Node.
import { analysisLines, describeFaultTiming, describeRow } from './describe-analysis.ts';
import {
  formatCount,
  formatLimit,
  formatMs,
  formatPercent,
  formatRate,
  formatValue,
  lacksData,
  notMeasuredText,
  outcomeWord,
} from './format-values.ts';
import type { BreakdownRow, ChaosFaultAnalysis, CriterionResult, Verdict } from './types.ts';

interface MarkdownOptions {
  /** An earlier verdict of the same profile: its observed values are shown next to this run's. */
  readonly baseline?: Verdict;
}

/** Rows of a breakdown table shown before the rest is summed up in one line (keeps the report small). */
const MAX_ROWS = 15;

/** Inline text with markdown's active characters neutralized; newlines folded, so a cell stays one cell. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]) => [
  row(head),
  row(head.map(() => '---')),
  ...rows.map(row),
];

function headline(verdict: Verdict): string[] {
  const mark = `${verdict.pass ? '✅' : verdict.run.status === 'interrupted' ? '⚠️' : '❌'} ${outcomeWord(verdict)}`;
  const lines = [`### ${mark}: ${escapeMarkdown(verdict.profile)} run ${escapeMarkdown(verdict.runId)}`, ''];
  if (!verdict.pass)
    lines.push(`**Reason:** ${escapeMarkdown(verdict.reason)} (exit ${verdict.exitCode})`, '');
  if (verdict.inconclusive.length > 0) {
    const listed = verdict.inconclusive.map((id) => {
      const reason = verdict.criteria.find((c) => c.id === id)?.inconclusive;
      return escapeMarkdown(reason ? `${id} (${reason})` : id);
    });
    const strict = verdict.strict ? ' — counted as failures (strict)' : '';
    lines.push(`**Inconclusive:** ${listed.join(', ')}${strict}`, '');
  }
  return lines;
}

function metadataLine(verdict: Verdict, baseline: Verdict | undefined): string {
  const run = verdict.run;
  const parts = [
    `engine ${run.engine ?? 'none'}${run.engineReason ? ` (${run.engineReason})` : ''}`,
    run.targetKind === 'embedded' ? 'embedded target' : `target ${run.target}`,
    `scale ${run.loadScale}, VU scale ${run.vuScale}`,
  ];
  if (run.chaos.length > 0) parts.push(`chaos ${run.chaos.map((file) => file.split('/').pop()).join(', ')}`);
  const startMs = Date.parse(run.startedAt);
  const endMs = run.finishedAt ? Date.parse(run.finishedAt) : Number.NaN;
  const started = Number.isFinite(startMs)
    ? `${new Date(startMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    : run.startedAt;
  parts.push(Number.isFinite(endMs) ? `${started}, ${formatMs(endMs - startMs)}` : started);
  if (run.status !== 'finished') parts.push(run.status);
  if (verdict.strict) parts.push('strict');
  if (baseline) parts.push(`baseline ${baseline.runId}`);
  return `<sub>${escapeMarkdown(parts.join(' · '))}</sub>`;
}

function resultCell(criterion: CriterionResult, strict: boolean): string {
  if (criterion.status === 'fail') return '❌ fail';
  // Never failures, even under --strict: nothing was judged.
  if (criterion.status === 'not-measured') return `➖ ${escapeMarkdown(notMeasuredText(criterion))}`;
  if (criterion.status === 'reported') return 'ℹ️ reported';
  const strictMark = strict && criterion.status === 'inconclusive' ? '❌' : '⚠️';
  if (lacksData(criterion)) return `${strictMark} n/a (no data)`;
  if (criterion.status === 'pass') return '✅ pass';
  return `${strictMark} inconclusive (${escapeMarkdown(criterion.inconclusive ?? 'unknown')})`;
}

function criteriaTable(verdict: Verdict, baseline: Verdict | undefined): string[] {
  const head = ['Criterion', 'Limit', 'Observed', ...(baseline ? ['Baseline'] : []), 'Result'];
  const rows = verdict.criteria.map((c) => {
    const before = baseline?.criteria.find((b) => b.id === c.id);
    return [
      escapeMarkdown(c.id),
      escapeMarkdown(formatLimit(c.limit, c.unit)),
      c.status === 'not-measured' ? '—' : escapeMarkdown(formatValue(c.observed, c.unit)),
      ...(baseline ? [escapeMarkdown(before ? formatValue(before.observed, before.unit) : '—')] : []),
      resultCell(c, verdict.strict),
    ];
  });
  return [...table(head, rows), ''];
}

function overallLine(verdict: Verdict): string {
  const o = verdict.analysis.overall;
  const text =
    `${formatCount(o.requests)} requests, errors ${formatPercent(o.errorRate)}, ` +
    `p50 / p95 / p99 ${formatMs(o.p50Ms)} / ${formatMs(o.p95Ms)} / ${formatMs(o.p99Ms)}, ${formatRate(o.rps)}`;
  return `**Overall:** ${escapeMarkdown(text)}`;
}

function chaosTable(faults: readonly ChaosFaultAnalysis[], runStartedAt: string): string[] {
  const head = [
    'Fault',
    'Errors before / during / after',
    'p95 before / during / after',
    'Timing',
    'Worst during',
  ];
  const rows = faults.map((fault) => {
    const window = (name: string) => fault.windows.find((w) => w.name === name);
    const across = (pick: (w: ChaosFaultAnalysis['windows'][number]) => string) =>
      ['before', 'during', 'after'].map((name) => {
        const w = window(name);
        return w ? `${pick(w)}${w.inconclusive ? '?' : ''}` : '—';
      });
    const during = window('during');
    const worst = [during?.worstService, during?.worstOperation].filter((r): r is BreakdownRow => !!r);
    return [
      `${fault.experiment} (${fault.kind})`,
      across((w) => formatPercent(w.errorRate)).join(' / '),
      across((w) => formatMs(w.p95Ms)).join(' / '),
      describeFaultTiming(fault, runStartedAt),
      worst.map(describeRow).join(', ') || '—',
    ].map(escapeMarkdown);
  });
  const note = faults.some((f) => f.windows.some((w) => w.inconclusive))
    ? ['', '? the generator lagged in that window: its figures do not blame the target.']
    : [];
  return ['**Chaos**', '', ...table(head, rows), ...note, ''];
}

function breakdownTable(title: string, rows: readonly BreakdownRow[]): string[] {
  const shown = rows
    .slice(0, MAX_ROWS)
    .map((r) =>
      [
        r.name,
        formatCount(r.requests),
        formatPercent(r.errorRate),
        formatMs(r.p95Ms),
        formatMs(r.p99Ms),
        formatRate(r.rps),
      ].map(escapeMarkdown),
    );
  const rest = rows.length > MAX_ROWS ? ['', `… and ${rows.length - MAX_ROWS} more in report.html`] : [];
  return [...table([title, 'Requests', 'Errors', 'p95', 'p99', 'Rate'], shown), ...rest];
}

export function renderMarkdown(verdict: Verdict, options: MarkdownOptions = {}): string {
  const { analysis } = verdict;
  const lines = [...headline(verdict), metadataLine(verdict, options.baseline), ''];
  if (verdict.run.error) lines.push(`**Run error:** ${escapeMarkdown(verdict.run.error)}`, '');
  if (verdict.criteria.length > 0) lines.push(...criteriaTable(verdict, options.baseline));
  lines.push(overallLine(verdict), '');
  if (analysis.chaos && analysis.chaos.length > 0)
    lines.push(...chaosTable(analysis.chaos, verdict.run.loadStartedAt ?? verdict.run.startedAt));
  for (const finding of analysisLines(analysis))
    lines.push(`**${escapeMarkdown(finding.label)}:** ${escapeMarkdown(finding.text)}`, '');
  if (analysis.services.length > 0) lines.push(...breakdownTable('Service', analysis.services), '');
  if (analysis.operations.length > 0) {
    lines.push(`<details><summary>Per operation (${analysis.operations.length})</summary>`, '');
    lines.push(...breakdownTable('Operation', analysis.operations), '', '</details>', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
