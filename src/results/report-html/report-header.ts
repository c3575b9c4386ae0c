// The top of report.html: the PASSED/FAILED headline with its one-line reason and any inconclusive
// criteria, the run's metadata, and the overall figures at a glance. Runs in: Node.
import type { SliceStats, Verdict } from '../types.ts';
import { escapeHtml } from './escape-html.ts';
import { formatCount, formatMs, formatPercent, formatRate, outcomeWord } from '../format-values.ts';
import { formatTime } from './format-time.ts';

export function headlineSection(verdict: Verdict): string {
  const outcome = verdict.pass ? 'pass' : 'fail';
  const passed = verdict.criteria.filter((c) => c.status === 'pass').length;
  // Reported and not-measured criteria were not judged: they are counted apart.
  const count = (status: string) => verdict.criteria.filter((c) => c.status === status).length;
  const judged = verdict.criteria.length - count('reported') - count('not-measured');
  const unjudged = [
    count('reported') ? `${count('reported')} reported` : '',
    count('not-measured') ? `${count('not-measured')} not measured` : '',
  ]
    .filter(Boolean)
    .map((text) => ` · ${text}`)
    .join('');
  const inconclusive = verdict.criteria.filter((c) => c.status === 'inconclusive');
  const inconclusiveLine = inconclusive.length
    ? `<p class="subtle">Inconclusive: ${inconclusive
        .map(
          (c) =>
            `<code>${escapeHtml(c.id)}</code>${c.inconclusive ? ` (${escapeHtml(c.inconclusive)})` : ''}`,
        )
        .join(', ')}${verdict.strict ? ' — strict mode counts these as failures' : ''}</p>`
    : '';
  const errorLine = verdict.run.error ? `<p class="worse">${escapeHtml(verdict.run.error)}</p>` : '';
  return `<section class="panel headline ${outcome}" id="headline">
<span class="badge big ${outcome}">${outcomeWord(verdict)}</span>
<div>
<h1>${escapeHtml(verdict.profile)} run <code>${escapeHtml(verdict.runId)}</code></h1>
<p class="reason">${escapeHtml(verdict.reason)}</p>
${inconclusiveLine}
${errorLine}
<p class="subtle">${passed} of ${judged} criteria passed${unjudged} · exit code ${verdict.exitCode}</p>
</div>
</section>`;
}

function durationOf(verdict: Verdict): string {
  if (!verdict.run.finishedAt) return '';
  const ms = Date.parse(verdict.run.finishedAt) - Date.parse(verdict.run.startedAt);
  return Number.isFinite(ms) ? ` (${formatMs(ms)})` : '';
}

export function metadataSection(verdict: Verdict): string {
  const run = verdict.run;
  const items: [string, string][] = [
    ['Run id', `<code>${escapeHtml(verdict.runId)}</code>`],
    ['Profile', escapeHtml(verdict.profile)],
    [
      'Engine',
      escapeHtml(run.engine ?? 'none') +
        (run.engineReason ? `<div class="subtle">${escapeHtml(run.engineReason)}</div>` : ''),
    ],
    ['Target', `${escapeHtml(run.target)} <span class="subtle">(${escapeHtml(run.targetKind)})</span>`],
    ['Scales', escapeHtml(`load ×${run.loadScale} · VUs ×${run.vuScale}`)],
    ['Chaos', run.chaos.length ? run.chaos.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ') : 'none'],
    ['Started', escapeHtml(formatTime(run.startedAt))],
    ['Load started', escapeHtml(formatTime(run.loadStartedAt))],
    ['Finished', escapeHtml(formatTime(run.finishedAt) + durationOf(verdict))],
    ['Status', escapeHtml(run.status)],
    ['Engine exit code', escapeHtml(run.engineExitCode ?? '—')],
    ['Strict', verdict.strict ? 'yes' : 'no'],
  ];
  const cells = items.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${v}</dd></div>`).join('\n');
  return `<section class="panel" id="metadata"><h2>Run</h2><dl class="meta">\n${cells}\n</dl></section>`;
}

export function overallSection(overall: SliceStats): string {
  const kpis: [string, string][] = [
    ['Requests', formatCount(overall.requests)],
    ['Throughput', formatRate(overall.rps)],
    ['Error rate', formatPercent(overall.errorRate)],
    ['p95 latency', formatMs(overall.p95Ms)],
    ['p99 latency', formatMs(overall.p99Ms)],
  ];
  const cells = kpis
    .map(
      ([label, value]) =>
        `<div class="kpi"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div></div>`,
    )
    .join('\n');
  return `<section class="panel" id="overall"><h2>Overall</h2><div class="kpis">\n${cells}\n</div></section>`;
}
