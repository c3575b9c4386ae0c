// Not-measured and reported criteria in every report: shown with their reason or figure, never as a
// failure (not even with --strict) and never as "n/a (no data)": the terminal groups not-measured ones
// by reason, report.md and report.html give them their own result, junit.xml skips not-measured ones
// with the reason and passes reported ones with the figure in <system-out>; the resources table.
import { describe, expect, test } from 'vitest';
import { lacksData, notMeasuredText } from '../../../src/results/format-values.ts';
import { renderJunit } from '../../../src/results/render-junit.ts';
import { renderMarkdown } from '../../../src/results/render-markdown.ts';
import { renderTerminalVerdict } from '../../../src/results/render-terminal.ts';
import { headlineSection } from '../../../src/results/report-html/report-header.ts';
import { criteriaTable, resourcesTable } from '../../../src/results/report-html/report-tables.ts';
import type { CriterionResult, ResourceAnalysis, Verdict } from '../../../src/results/types.ts';
import { passingVerdict, sampleCriterion } from './verdict-fixture.ts';

const notMeasured = (id: string, reason: string): CriterionResult =>
  sampleCriterion({
    id,
    description: `${id}: not measured`,
    limit: '< 0.5',
    unit: 'ratio',
    observed: null,
    pass: null,
    status: 'not-measured',
    notMeasured: reason,
    source: 'analysis',
  });

const reported = sampleCriterion({
  id: 'cpu-of-requests',
  description: 'CPU of requests (peak, rate over 300 s): highest order-service 137 %',
  limit: 'none for stress',
  unit: 'ratio',
  observed: 1.37,
  pass: null,
  status: 'reported',
  source: 'analysis',
});

const resources: ResourceAnalysis = {
  measured: true,
  namespace: 'ecommerce',
  rateWindowS: 300,
  stepS: 8,
  services: [
    {
      name: 'order-service',
      cpuOfRequestsPeak: 1.37,
      cpuOfRequestsMean: 0.81,
      memoryOfLimitsPeak: 0.21,
      memoryOfLimitsSlopePerHour: 0.002,
    },
    {
      name: 'saga-tracker',
      cpuOfRequestsPeak: null,
      cpuOfRequestsMean: null,
      memoryOfLimitsPeak: 0.19,
      memoryOfLimitsSlopePerHour: null,
    },
  ],
};

/** A passing run with the six criteria a run without Prometheus gets, one reported, under --strict. */
function verdictWithUnjudged(): Verdict {
  const verdict = passingVerdict({ strict: true });
  verdict.criteria.push(
    reported,
    notMeasured('memory-of-limits', 'PROMETHEUS_URL not set'),
    notMeasured('alert-pod-down', 'PROMETHEUS_URL not set'),
    notMeasured('alert-high-error-rate', "run shorter than the alert's window + for (10m)"),
  );
  verdict.analysis.resources = resources;
  return verdict;
}

test('format-values: a not-measured criterion is not "no data"; it says why', () => {
  const c = notMeasured('cpu-of-requests', 'PROMETHEUS_URL not set');
  expect(lacksData(c)).toBe(false);
  expect(notMeasuredText(c)).toBe('not measured: PROMETHEUS_URL not set');
  expect(lacksData({ observed: null, status: 'inconclusive' })).toBe(true);
});

describe('terminal', () => {
  const text = renderTerminalVerdict(verdictWithUnjudged(), { color: false });

  test('still PASSED under --strict, with no INCONCLUSIVE line', () => {
    expect(text.split('\n')[0]).toBe('PASSED');
    expect(text).not.toContain('INCONCLUSIVE');
  });

  test('reported criteria show their figure, marked reported', () => {
    expect(text).toMatch(/ {2}• cpu-of-requests +none for stress +137 % \(reported\)\n/);
  });

  test('not-measured criteria: one line per reason, after the judged ones', () => {
    const lines = text.split('\n');
    const grouped = lines.filter((l) => l.startsWith('  – '));
    expect(grouped).toEqual([
      '  – not measured: PROMETHEUS_URL not set: memory-of-limits, alert-pod-down',
      "  – not measured: run shorter than the alert's window + for (10m): alert-high-error-rate",
    ]);
    expect(lines.indexOf(grouped[0]!)).toBeGreaterThan(lines.findIndex((l) => l.includes('cpu-of-requests')));
    expect(text).not.toContain('n/a (no data)');
  });

  test('the resources are a finding: every measured service, highest first', () => {
    expect(text).toContain('CPU of requests (peak): order-service 137 % (rate over 300 s)');
    expect(text).toContain('Memory of limits (peak): order-service 21 %, saga-tracker 19 %');
  });

  test('in colour, neither is painted as a pass or a failure', () => {
    const coloured = renderTerminalVerdict(verdictWithUnjudged(), { color: true });
    const line = coloured.split('\n').find((l) => l.includes('alert-pod-down'))!;
    expect(line).toContain('\x1b[2m');
    expect(line).not.toContain('\x1b[31m');
    expect(line).not.toContain('\x1b[32m');
  });
});

describe('report.md', () => {
  const markdown = renderMarkdown(verdictWithUnjudged());
  const row = (id: string) => markdown.split('\n').find((l) => l.startsWith(`| ${id} |`));

  test('not measured: a dash for the figure and the reason as the result', () => {
    expect(row('memory-of-limits')).toBe(
      '| memory-of-limits | \\< 50 % | — | ➖ not measured: PROMETHEUS\\_URL not set |',
    );
  });

  test('reported: the figure and "reported", not a pass', () => {
    expect(row('cpu-of-requests')).toBe('| cpu-of-requests | none for stress | 137 % | ℹ️ reported |');
    expect(markdown).toMatch(/^### ✅ PASSED/);
  });
});

describe('junit.xml', () => {
  const xml = renderJunit(verdictWithUnjudged());

  test('not-measured cases are skipped with the reason, never failures, even with --strict', () => {
    expect(xml).toContain(
      '<testcase name="alert-pod-down" classname="c4ang-perf.normal" time="0.000">\n      <skipped message="not measured: PROMETHEUS_URL not set"/>',
    );
    expect(xml).not.toContain('<failure');
    expect(xml).toMatch(/<testsuites tests="9" failures="0" errors="0" skipped="3"/);
  });

  test('a reported case passes, carrying its figure and description in <system-out>', () => {
    expect(xml).toContain(
      '<testcase name="cpu-of-requests" classname="c4ang-perf.normal" time="0.000">\n      <system-out>reported (none for stress): observed 137 %\n',
    );
    expect(xml).toContain('highest order-service 137 %</system-out>');
  });
});

describe('report.html', () => {
  const verdict = verdictWithUnjudged();

  test('criteria table: own badges, the reason under a not-measured one, no figure for it', () => {
    const html = criteriaTable(verdict.criteria);
    expect(html).toContain('<span class="badge reported">REPORTED</span>');
    expect(html).toContain(
      '<span class="badge not-measured">NOT MEASURED</span><div class="subtle">PROMETHEUS_URL not set</div>',
    );
    expect(html).toContain('<tr class="status-not-measured">');
    const row = html.split('\n').find((l) => l.includes('<code>memory-of-limits</code>'))!;
    expect(row).toContain('<td class="num">—</td>');
  });

  test('headline counts judged criteria apart from reported and not-measured ones', () => {
    expect(headlineSection(verdict)).toContain(
      '5 of 5 criteria passed · 1 reported · 3 not measured · exit code 0',
    );
  });

  test('resources table: per service, n/a where a series is missing; or why nothing was measured', () => {
    const table = resourcesTable(resources);
    expect(table).toContain('<table id="resources">');
    expect(table).toContain('CPU rate over 300 s');
    const saga = table.split('\n').find((l) => l.includes('saga-tracker'))!;
    expect(saga).toContain('<td class="num">n/a</td><td class="num">n/a</td><td class="num">19 %</td>');
    expect(
      resourcesTable({ ...resources, measured: false, notMeasured: 'PROMETHEUS_URL not set', services: [] }),
    ).toBe('<p class="empty">Not measured: PROMETHEUS_URL not set.</p>');
  });
});
