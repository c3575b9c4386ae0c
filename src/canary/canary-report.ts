// The summary of a canary progression (`--steps`), `<results>/<id>/canary.json` and `canary.md`:
// each step's share, run, outcome and v2-vs-v1 figures, and where the progression stopped. Each
// step's own folder keeps its full verdict and reports. Appended to GitHub's job summary when CI sets
// it. Runs in: Node.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadOutcome } from '../orchestrate/run-load.ts';
import { escapeMarkdown } from '../results/render-markdown.ts';
import { formatMs, formatPercent, formatValue } from '../results/format-values.ts';
import type { CanaryAnalysis, CriterionResult } from '../results/types.ts';
import type { CanaryPlan } from './plan-canary.ts';

export const CANARY_REPORT_SCHEMA = 'c4ang-perf/canary@1';

type StepStatus = 'passed' | 'failed' | 'inconclusive' | 'interrupted' | 'not run';

interface CanaryStepReport {
  index: number;
  splitPercent: number;
  runId: string;
  resultsDir: string;
  status: StepStatus;
  exitCode: number | null;
  reason: string;
  canary: CanaryAnalysis | null;
  criteria: Pick<CriterionResult, 'id' | 'status' | 'observed' | 'limit'>[];
}

export interface CanaryReport {
  schema: typeof CANARY_REPORT_SCHEMA;
  id: string;
  profile: string;
  header: string;
  /** Each step's nominal length, ms. */
  stepMs: number;
  pass: boolean;
  exitCode: number;
  /** One line: the step that stopped the progression, or that every step passed. */
  reason: string;
  /** The step the progression stopped at, when one did not pass. */
  stoppedAt: { index: number; splitPercent: number } | null;
  startedAt: string;
  finishedAt: string;
  steps: CanaryStepReport[];
}

function stepOf(plan: CanaryPlan, index: number, outcome: LoadOutcome | undefined): CanaryStepReport {
  const config = plan.runs[index]!;
  const base = {
    index: index + 1,
    splitPercent: config.canary!.splitPercent,
    runId: config.runId,
    resultsDir: config.resultsDir,
  };
  if (!outcome)
    return {
      ...base,
      status: 'not run',
      exitCode: null,
      reason: 'an earlier step did not pass',
      canary: null,
      criteria: [],
    };
  const verdict = outcome.verdict;
  const criteria = (verdict?.criteria ?? []).map(({ id, status, observed, limit }) => ({
    id,
    status,
    observed,
    limit,
  }));
  const status: StepStatus =
    outcome.record.status === 'interrupted'
      ? 'interrupted'
      : outcome.exitCode !== 0
        ? 'failed'
        : (verdict?.inconclusive.length ?? 0) > 0
          ? 'inconclusive'
          : 'passed';
  return {
    ...base,
    status,
    exitCode: outcome.exitCode,
    reason: verdict?.reason ?? outcome.record.error ?? 'no verdict',
    canary: verdict?.analysis.canary ?? null,
    criteria,
  };
}

export function canaryReportOf(
  plan: CanaryPlan,
  outcomes: readonly LoadOutcome[],
  startedAt: string,
  exitCode: number,
): CanaryReport {
  const steps = plan.runs.map((_, index) => stepOf(plan, index, outcomes[index]));
  const stopped = steps.find((step) => step.status === 'failed' || step.status === 'interrupted');
  const canary = plan.runs[0]!.canary!;
  return {
    schema: CANARY_REPORT_SCHEMA,
    id: plan.id,
    profile: plan.profile,
    header: canary.header,
    stepMs: plan.stepMs,
    pass: exitCode === 0 && !stopped,
    exitCode,
    reason: stopped
      ? `step ${stopped.index} (${stopped.splitPercent} %) ${stopped.status === 'interrupted' ? 'was interrupted' : 'did not pass'}: ${stopped.reason}`
      : `every step passed (${steps.map((s) => `${s.splitPercent} %`).join(' → ')})`,
    stoppedAt: stopped ? { index: stopped.index, splitPercent: stopped.splitPercent } : null,
    startedAt,
    finishedAt: new Date().toISOString(),
    steps,
  };
}

const STATUS_MARK: Readonly<Record<StepStatus, string>> = {
  passed: '✅ passed',
  failed: '❌ failed',
  inconclusive: '⚠️ inconclusive',
  interrupted: '⚠️ interrupted',
  'not run': '➖ not run',
};

export function renderCanaryMarkdown(report: CanaryReport): string {
  const interrupted = report.steps.some((step) => step.status === 'interrupted');
  const mark = report.pass ? '✅ PASSED' : interrupted ? '⚠️ INTERRUPTED' : '❌ FAILED';
  const lines = [
    `### ${mark}: canary ${escapeMarkdown(report.id)} (${escapeMarkdown(report.profile)}, ${escapeMarkdown(report.header)})`,
    '',
    `**${report.pass ? 'Result' : 'Reason'}:** ${escapeMarkdown(report.reason)} (exit ${report.exitCode})`,
    '',
    '| step | v2 share | status | errors v2 / v1 | p95 v2 / v1 | p95 ratio (95 % bounds) | run |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const step of report.steps) {
    const c = step.canary;
    const errors = c ? `${formatPercent(c.v2.errorRate)} / ${formatPercent(c.v1.errorRate)}` : '—';
    const p95 = c ? `${formatMs(c.v2.p95Ms)} / ${formatMs(c.v1.p95Ms)}` : '—';
    const ratio =
      c?.p95.ratio != null
        ? `${formatValue(c.p95.ratio)}${c.p95.lower != null && c.p95.upper != null ? ` (${formatValue(c.p95.lower)}–${formatValue(c.p95.upper)})` : ''}`
        : '—';
    lines.push(
      `| ${step.index} | ${step.splitPercent} % | ${STATUS_MARK[step.status]} | ${errors} | ${p95} | ${ratio} | ${escapeMarkdown(step.runId)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function writeCanaryReport(
  reportDir: string,
  report: CanaryReport,
  stepSummaryFile: string | undefined,
): Promise<void> {
  await mkdir(reportDir, { recursive: true });
  const markdown = renderCanaryMarkdown(report);
  await writeFile(path.join(reportDir, 'canary.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(reportDir, 'canary.md'), markdown);
  if (stepSummaryFile) await appendFile(stepSummaryFile, `${markdown}\n`);
}
