// Plain-text end-of-test summary in the scenarios' terms: threshold criteria first (named, with the
// observed value), then checks, then latency and errors overall and per service, phase and (in a canary
// run) version. Columns are laid out in two passes (format, then pad). Runs in: VU (handleSummary) and
// Node (tests).
import type { CriterionResult } from './criteria.ts';
import type { SummaryData, SummaryGroup } from './summary-data.ts';

const ms = (value: number | undefined) =>
  value === undefined ? '-' : value >= 1000 ? `${(value / 1000).toFixed(2)}s` : `${value.toFixed(1)}ms`;
/** Percent truncated, not rounded, so 99.999 % never reads as 100 %. */
const pct = (rate: number | undefined) =>
  rate === undefined ? '-' : `${(Math.floor(rate * 10000) / 100).toFixed(2)}%`;

function table(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map(
    (row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '),
  );
}

function allChecks(group: SummaryGroup): SummaryGroup['checks'][number][] {
  return [...group.checks, ...group.groups.flatMap(allChecks)];
}

export function renderSummaryText(
  data: SummaryData,
  meta: { profile: string; runId: string; criteria: readonly CriterionResult[] },
): string {
  const lines: string[] = [];
  const seconds = (data.state?.testRunDurationMs ?? 0) / 1000;
  lines.push(
    `c4ang-perf ${meta.profile} — run ${meta.runId} — ${seconds.toFixed(1)} s`,
    '',
    'thresholds (criteria k6 judges; the verdict adds the analyses)',
  );
  lines.push(
    ...table(
      meta.criteria.map((c) => [
        c.ok === null ? '?' : c.ok ? '✓' : '✗',
        c.id,
        `${c.metric} ${c.expression}`,
        c.observed === null ? 'n/a (no data)' : `observed ${Number(c.observed.toFixed(4))}`,
      ]),
    ),
  );
  const checks = allChecks(data.root_group);
  if (checks.length) {
    lines.push('', 'checks');
    lines.push(
      ...table(
        checks.map((c) => [
          c.fails === 0 ? '✓' : '✗',
          c.name,
          pct(c.passes / Math.max(1, c.passes + c.fails)),
          `${c.passes} / ${c.passes + c.fails}`,
        ]),
      ),
    );
  }
  const duration = (key: string) => data.metrics[key]?.values;
  const rows: string[][] = [['', 'requests', 'failed', 'avg', 'p(95)', 'p(99)', 'max']];
  const row = (label: string, durationKey: string, failedKey: string) => {
    const d = duration(durationKey);
    if (!d) return;
    if (!d.count) {
      rows.push([label, '0', 'no data', '-', '-', '-', '-']);
      return;
    }
    const failed = data.metrics[failedKey]?.values;
    rows.push([
      label,
      String(d.count ?? '-'),
      pct(failed?.rate),
      ms(d.avg),
      ms(d['p(95)']),
      ms(d['p(99)']),
      ms(d.max),
    ]);
  };
  row('all', 'http_req_duration', 'http_req_failed');
  for (const key of Object.keys(data.metrics).sort()) {
    const match = key.match(/^http_req_duration\{(service|phase|version):([^}]+)\}$/);
    if (match) row(`${match[1]} ${match[2]}`, key, `http_req_failed{${match[1]}:${match[2]}}`);
  }
  lines.push('', 'http', ...table(rows));
  const counter = (key: string) => data.metrics[key]?.values;
  lines.push('', 'execution');
  lines.push(
    ...table([
      [
        'http_reqs',
        String(counter('http_reqs')?.count ?? 0),
        `${(counter('http_reqs')?.rate ?? 0).toFixed(1)}/s`,
      ],
      [
        'iterations',
        String(counter('iterations')?.count ?? 0),
        `${(counter('iterations')?.rate ?? 0).toFixed(1)}/s`,
      ],
      ['dropped_iterations', String(counter('dropped_iterations')?.count ?? 0), ''],
      ['gateway_overflows', String(counter('gateway_overflows')?.count ?? 0), '503 UO'],
      ['vus_max', String(counter('vus_max')?.value ?? counter('vus_max')?.max ?? '-'), ''],
    ]),
  );
  return `${lines.join('\n')}\n`;
}
