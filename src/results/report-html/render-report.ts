// report.html of one run: headline verdict, metadata, time charts with phases and chaos marked, and
// the criteria, breakdown, chaos and baseline tables; one self-contained offline file, written from
// the verdict alone so it never judges anything again. Runs in: Node.
import type { Verdict } from '../types.ts';
import { type Baseline, baselineTable } from './baseline-table.ts';
import type { ChartData } from './chart-data.ts';
import { canaryTable } from './canary-table.ts';
import { chaosTable } from './chaos-table.ts';
import { escapeHtml } from './escape-html.ts';
import { renderPage } from './page-shell.ts';
import { annotationsOf, type PhaseWindow } from './report-annotations.ts';
import { chartsSection, timeChartsOf } from './report-charts.ts';
import { headlineSection, metadataSection, overallSection } from './report-header.ts';
import { breakdownTable, criteriaTable, resourcesTable } from './report-tables.ts';
import { outcomeWord } from '../format-values.ts';
import { stepsTable } from './steps-table.ts';

interface ReportInput {
  verdict: Verdict;
  /** The run series after chartDataOf. */
  chart: ChartData;
  /** Profile phases or stages as run, Unix ms. */
  phases: PhaseWindow[];
  /** An earlier run to compare the overall figures with. */
  baseline?: Baseline;
}

function panel(id: string, title: string, content: string): string {
  return `<section class="panel" id="${escapeHtml(id)}-panel"><h2>${escapeHtml(title)}</h2>\n${content}\n</section>`;
}

function runEndMs(input: ReportInput): number {
  const finished = input.verdict.run.finishedAt ? Date.parse(input.verdict.run.finishedAt) : Number.NaN;
  if (Number.isFinite(finished)) return finished;
  const t = input.chart.t;
  return t.length ? (t[t.length - 1] + input.chart.bucketS) * 1000 : Date.parse(input.verdict.run.startedAt);
}

export function renderReportHtml(input: ReportInput): string {
  const { verdict } = input;
  const analysis = verdict.analysis;
  const notes = annotationsOf(analysis, input.phases, runEndMs(input));
  const charts = timeChartsOf(input.chart, notes);
  const sections = [
    headlineSection(verdict),
    metadataSection(verdict),
    overallSection(analysis.overall),
    chartsSection(charts, notes, input.chart.bucketS),
    panel('criteria', 'Criteria', criteriaTable(verdict.criteria)),
    analysis.canary ? panel('canary', 'Canary: v2 against v1', canaryTable(analysis.canary)) : '',
    analysis.chaos?.length ? panel('chaos', 'Chaos faults', chaosTable(analysis.chaos)) : '',
    analysis.breakingPoint ? panel('steps', 'Stress steps', stepsTable(analysis.breakingPoint)) : '',
    panel(
      'baseline',
      'Compared with the last passing run',
      input.baseline
        ? baselineTable(analysis.overall, input.baseline)
        : '<p class="muted">No earlier passing run of this profile, at these scales, on this engine and target in results/history.ndjson.</p>',
    ),
    panel('services', 'Per service', breakdownTable(analysis.services, 'service')),
    analysis.resources
      ? panel('resources', 'Resources (Prometheus)', resourcesTable(analysis.resources))
      : '',
    panel('operations', 'Per operation', breakdownTable(analysis.operations, 'operation')),
  ];
  return renderPage({
    title: `${outcomeWord(verdict)} · ${verdict.profile} · ${verdict.runId}`,
    bodyHtml: sections.filter(Boolean).join('\n'),
    data: { charts: charts.map((c) => c.spec), syncKey: 'run' },
  });
}
