// The gate's Markdown report: a headline, the baseline used, and one table of step × check with
// limit, baseline, now, change and pass. Printed to the terminal, written to gate.md and appended
// to GITHUB_STEP_SUMMARY. Runs in: Node.
import { formatChange, formatValue } from '../results/format-values.ts';
import type { GateCheck, GateReport } from './types.ts';

const STATUS: Record<GateCheck['status'], string> = {
  pass: '✅ pass',
  fail: '❌ FAIL',
  inconclusive: '⚠️ inconclusive',
  'not-measured': '➖ not measured',
  reported: 'ℹ️ reported',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A figure the check may not have (no baseline, nothing measured, no change) is a dash in the table. */
const figure = (value: number | null, format: (value: number) => string) =>
  value === null ? '—' : format(value);

export function renderGateMarkdown(report: GateReport): string {
  const lines = [
    `## Performance gate \`${report.name}\`: ${report.pass ? 'PASS' : 'FAIL'}`,
    '',
    `${report.pass ? 'Passed' : `Failed (exit ${report.exitCode})`}: ${report.reason}`,
    '',
    describeBaseline(report),
    '',
    '| Step | Check | Limit | Baseline | Now | Change | Pass |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const step of report.steps) {
    const name = `${step.index + 1}. ${step.step.profile}${step.step.chaos.length ? ' + chaos' : ''}`;
    for (const check of step.checks) {
      lines.push(
        `| ${[
          name,
          check.id,
          check.limit,
          figure(check.baseline, (v) => formatValue(v, check.unit)),
          figure(check.observed, (v) => formatValue(v, check.unit)),
          figure(check.change, (v) => formatChange(v, check.unit)),
          check.note ? `${STATUS[check.status]}: ${check.note}` : STATUS[check.status],
        ]
          .map(cell)
          .join(' | ')} |`,
      );
    }
  }
  lines.push('', 'Steps:');
  for (const step of report.steps) {
    lines.push(
      `- ${step.index + 1}. ${step.step.profile} (scale ${step.step.scale}, VU scale ${step.step.vuScale}${
        step.step.chaos.length ? `, chaos ${step.step.chaos.join(', ')}` : ''
      }): run \`${step.runId}\`, exit ${step.exitCode}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function describeBaseline(report: GateReport): string {
  const { file, status, savedAt, save } = report.baseline;
  const compared =
    status === 'compared'
      ? `Baseline: \`${file}\` (saved ${savedAt ?? 'at an unknown time'}).`
      : `Baseline: \`${file}\` does not exist, so nothing was compared${save ? '' : ' (run with --save-baseline to store one)'}.`;
  if (!save) return compared;
  return save.saved
    ? `${compared} This run was saved as the new baseline \`${save.file}\`.`
    : `${compared} Not saved as a baseline: ${save.note ?? 'the gate failed'}.`;
}
