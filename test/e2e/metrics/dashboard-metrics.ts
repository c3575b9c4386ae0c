// Reads deploy/grafana/c4ang-perf.json for the tests: its panels' PromQL, the metric names that PromQL
// selects, and the names somebody actually sends — k6's series as the runner names them, and the
// families the embedded stand-in registers (read from src/target's sources, the one place they are
// declared) — so a panel querying a metric nobody sends fails a test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HARNESS_TREND_STATS } from '../../../src/engine/remote-write-env.ts';
import { BUILTIN_METRICS } from '../../../src/runner/metrics/builtin-metrics.ts';
import { parseTrendStats, seriesNames } from '../../../src/runner/output/prometheus-rw/metric-naming.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const DASHBOARD_PATH = path.join(ROOT, 'deploy/grafana/c4ang-perf.json');

export interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: { refId: string; expr?: string; datasource?: { type?: string; uid?: string } }[];
}

export interface Dashboard {
  schemaVersion: number;
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: unknown }[] };
}

export function loadDashboard(): Dashboard {
  return JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as Dashboard;
}

/** Panels that query (rows only group them). */
export function queryPanels(dashboard: Dashboard): Panel[] {
  return dashboard.panels.filter((p) => p.type !== 'row');
}

export function dashboardQueries(dashboard: Dashboard): string[] {
  return queryPanels(dashboard).flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
}

/** A panel query as Grafana sends it with every variable at its "All"/default value. */
export function withVariables(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$testid', '.*')
    .replaceAll('$service', '.*')
    .replaceAll('$namespace', 'ecommerce');
}

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset']);
const KEYWORDS_OPS = new Set(['and', 'or', 'unless']);

/** Metric names a PromQL expression selects: identifiers that are not functions, keywords or labels. */
export function metricNamesIn(promql: string): string[] {
  const stripped = promql
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const name = match[0];
    const after = stripped.slice((match.index ?? 0) + name.length);
    if (/^\s*\(/.test(after) || KEYWORDS.has(name) || KEYWORDS_OPS.has(name)) continue;
    names.add(name);
  }
  return [...names];
}

/** Every k6_* series the runner sends for k6's built-in metrics, with the harness's trend stats. */
export function sentK6Names(trendStats = HARNESS_TREND_STATS): Set<string> {
  const stats = parseTrendStats(trendStats).stats;
  return new Set(BUILTIN_METRICS.flatMap((m) => seriesNames(m.name, m.type, stats)));
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Families the stand-in exposes: names given to its registry's collect/increment/observe. */
export function targetMetricNames(): Set<string> {
  const names = new Set<string>();
  for (const file of sourcesUnder(path.join(ROOT, 'src/target'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.(collect|increment|observe)\(\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'/g)) {
      const [, kind, name] = m as unknown as [string, string, string];
      if (kind === 'observe') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
      else names.add(name);
    }
  }
  return names;
}

/** Names the queries select that nobody sends. */
export function unsentNames(queries: readonly string[]): string[] {
  const k6 = sentK6Names();
  const target = targetMetricNames();
  const names = new Set(queries.flatMap(metricNamesIn));
  return [...names].filter((n) => (n.startsWith('k6_') ? !k6.has(n) : !target.has(n)));
}
