// The gate as JUnit XML for CI test views: one testsuite per step, one testcase per criterion,
// limit or baseline comparison; a failing check carries "observed X vs limit Y"; inconclusive and
// not-measured checks are skipped with their reason, reported ones pass. Runs in: Node.
import { formatObservation } from '../results/format-values.ts';
import { escapeXml } from '../results/render-junit.ts';
import type { GateReport } from './types.ts';

export function renderGateJunit(report: GateReport): string {
  const suites = report.steps.map((step) => {
    const name = `${report.name} ${step.index + 1}. ${step.step.profile}`;
    const failures = step.checks.filter((c) => c.status === 'fail').length;
    const skipped = step.checks.filter(
      (c) => c.status === 'inconclusive' || c.status === 'not-measured',
    ).length;
    const cases = step.checks.map((check) => {
      const open = `    <testcase classname="${escapeXml(`gate.${report.name}.${step.step.profile}`)}" name="${escapeXml(`${check.kind}: ${check.id}`)}">`;
      if (check.status === 'fail')
        return `${open}\n      <failure message="${escapeXml(formatObservation(check))}">${escapeXml(check.description)}</failure>\n    </testcase>`;
      if (check.status === 'inconclusive')
        return `${open}\n      <skipped message="${escapeXml(`inconclusive: ${check.description}`)}"/>\n    </testcase>`;
      if (check.status === 'not-measured')
        return `${open}\n      <skipped message="${escapeXml(`not measured: ${check.note ?? check.description}`)}"/>\n    </testcase>`;
      return `${open}</testcase>`;
    });
    return [
      `  <testsuite name="${escapeXml(name)}" tests="${step.checks.length}" failures="${failures}" skipped="${skipped}" errors="0">`,
      `    <properties><property name="runId" value="${escapeXml(step.runId)}"/><property name="exitCode" value="${step.exitCode}"/></properties>`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const tests = report.steps.reduce((n, s) => n + s.checks.length, 0);
  const failures = report.steps.reduce((n, s) => n + s.checks.filter((c) => c.status === 'fail').length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(`performance gate ${report.name}`)}" tests="${tests}" failures="${failures}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
