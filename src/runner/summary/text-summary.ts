// k6-like end-of-test text: THRESHOLDS (✓/✗ with the observed value), then TOTAL RESULTS with the
// checks block and metrics grouped by section. Colors only when asked. Readable, not a machine
// interface (k6 says the same of its own text). Runs in: Node (runner main thread).
import {
  baseName,
  checkRows,
  displayName,
  formatValue,
  orderKeys,
  rowFor,
  SECTION_ORDER,
  sectionOf,
} from './metric-rows.ts';
import type { GroupNode, SummaryData, SummaryMetric } from './summary-data.ts';
import { type Paint, painter, renderTable } from './text-table.ts';

const OK = '✓';
const FAIL = '✗';

/** The value a threshold compared, from the summary values (aggregation = text before the operator). */
function observedText(metric: SummaryMetric, expression: string, timeUnit: string): string {
  const aggregation = expression.split(/[=><!]/, 1)[0]!.trim();
  const normalized = aggregation.replace(/^p\(\s*([\d.]+)\s*\)$/, (_, n: string) => `p(${Number(n)})`);
  const value = metric.values[normalized];
  return value === undefined
    ? `${aggregation}=n/a`
    : `${aggregation}=${formatValue(metric, normalized, value, timeUnit)}`;
}

function thresholdLines(data: SummaryData, paint: Paint): string[] {
  const keys = orderKeys(Object.keys(data.metrics).filter((k) => data.metrics[k]!.thresholds));
  const lines: string[] = [];
  for (const key of keys) {
    const metric = data.metrics[key]!;
    const { name, depth } = displayName(key, keys.includes(baseName(key)));
    const indent = '  '.repeat(depth);
    lines.push(`${indent}${name}`);
    for (const [expression, { ok }] of Object.entries(metric.thresholds ?? {})) {
      const mark = ok ? paint(OK, 'green') : paint(FAIL, 'red');
      const observed = paint(observedText(metric, expression, data.options.summaryTimeUnit), 'cyan');
      lines.push(`${indent}${mark} '${expression}' ${observed}`);
    }
    lines.push('');
  }
  return lines;
}

function checkLines(group: GroupNode, paint: Paint, depth = 0): string[] {
  const indent = '  '.repeat(depth);
  const lines: string[] = [];
  for (const check of group.checks) {
    if (check.fails === 0) {
      lines.push(indent + paint(`${OK} ${check.name}`, 'green'));
      continue;
    }
    // Truncated like k6, so 99.99 % passing is never shown as 100 %.
    const pct = Math.floor((100 * check.passes) / (check.passes + check.fails));
    lines.push(indent + paint(`${FAIL} ${check.name}`, 'red'));
    lines.push(`${indent}  ${paint(`↳  ${pct}% — ${OK} ${check.passes} / ${FAIL} ${check.fails}`, 'red')}`);
  }
  for (const child of group.groups) {
    lines.push(
      '',
      `${indent}${paint(`↳ GROUP: ${child.name}`, 'bold')}`,
      ...checkLines(child, paint, depth + 1),
    );
  }
  return lines;
}

function metricLines(data: SummaryData, paint: Paint): string[] {
  const keys = Object.keys(data.metrics);
  const lines: string[] = [];
  for (const section of SECTION_ORDER) {
    const inSection = orderKeys(keys.filter((k) => sectionOf(k) === section));
    if (inSection.length === 0) continue;
    const rows = inSection.map((key) => {
      const { name, depth } = displayName(key, inSection.includes(baseName(key)));
      return rowFor(key, data.metrics[key]!, depth, name, data.options.summaryTimeUnit);
    });
    lines.push(paint(section, 'bold'), ...renderTable(rows, paint), '');
  }
  return lines;
}

function hasChecks(group: GroupNode): boolean {
  return group.checks.length > 0 || group.groups.some(hasChecks);
}

export function renderTextSummary(
  data: SummaryData,
  options: { colors?: boolean; indent?: string } = {},
): string {
  const paint = painter(options.colors ?? false);
  const title = (text: string) => `  ${paint(`█ ${text}`, 'bold')}`;
  const body = (lines: string[]) => lines.map((l) => (l === '' ? '' : `    ${l}`));
  const out: string[] = [];
  const thresholds = thresholdLines(data, paint);
  if (thresholds.length > 0) out.push(title('THRESHOLDS'), '', ...body(thresholds));
  out.push(title('TOTAL RESULTS'), '');
  const checks = data.metrics.checks;
  if (checks !== undefined || hasChecks(data.root_group)) {
    const rows = checks ? renderTable(checkRows(checks, data.state.testRunDurationMs), paint) : [];
    out.push(...body([...rows, '', ...checkLines(data.root_group, paint), '']));
  }
  out.push(...body(metricLines(data, paint)));
  const indent = options.indent ?? '';
  return out.map((l) => (l === '' ? '' : indent + l)).join('\n');
}
