// k6's legacy `--summary-export` JSON (oldJSONSummary in k6's summary-wrapper.js): no options/state,
// each metric flattened to its values, thresholds as { expr: true-when-FAILED }, Rate `rate` renamed
// `value`, groups and checks keyed by name. Runs in: Node (runner main thread).
import type { GroupNode, SummaryData } from './summary-data.ts';

interface ExportedGroup {
  name: string;
  path: string;
  id: string;
  groups: Record<string, ExportedGroup>;
  checks: Record<string, GroupNode['checks'][number]>;
}

interface SummaryExport {
  root_group: ExportedGroup;
  /** Flat values; `thresholds` (expression → failed) only on metrics that have thresholds. */
  metrics: Record<string, Record<string, number | Record<string, boolean>>>;
  setup_data?: unknown;
}

function exportGroup(group: GroupNode): ExportedGroup {
  return {
    name: group.name,
    path: group.path,
    id: group.id,
    groups: Object.fromEntries(group.groups.map((g) => [g.name, exportGroup(g)])),
    checks: Object.fromEntries(group.checks.map((c) => [c.name, { ...c }])),
  };
}

/** Serialize with `JSON.stringify(result, null, 4)` to match k6's file byte for byte in layout. */
export function toSummaryExport(data: SummaryData): SummaryExport {
  const metrics: SummaryExport['metrics'] = {};
  for (const [key, metric] of Object.entries(data.metrics)) {
    const flat: Record<string, number | Record<string, boolean>> = { ...metric.values };
    if (metric.thresholds && Object.keys(metric.thresholds).length > 0) {
      flat.thresholds = Object.fromEntries(
        Object.entries(metric.thresholds).map(([expr, t]) => [expr, !t.ok]),
      );
    }
    if (metric.type === 'rate' && 'rate' in flat) {
      flat.value = flat.rate as number;
      delete flat.rate;
    }
    metrics[key] = flat;
  }
  const result: SummaryExport = { root_group: exportGroup(data.root_group), metrics };
  if (data.setup_data !== undefined) result.setup_data = structuredClone(data.setup_data);
  return result;
}
