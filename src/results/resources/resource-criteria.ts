// The resource criteria from resources.json: per service the peak CPU of requests and memory of
// limits (the plan's queries) and, for a soak, the trend of memory. Normal judges CPU < 50 % of
// requests and memory < 60 % of limits; soak judges "no memory growth" (Theil–Sen, as the drift
// analysis does) and reports the rest; other profiles report them without a limit. One criterion per
// resource, observed on the worst service and naming every service over its limit, so a reader sees
// where; the per-service figures go to the analysis. No Prometheus: not measured. Runs in: Node.
import type { ProfileName } from '../../vu/profiles.ts';
import {
  CPU_OF_REQUESTS_LIMIT,
  MEMORY_DRIFT_SHARE_PER_HOUR,
  MEMORY_GROWTH_FLOOR_PER_HOUR,
  MEMORY_OF_LIMITS_LIMIT,
  MIN_DRIFT_BUCKETS,
  WARM_UP_MAX_MS,
  WARM_UP_SHARE,
} from '../analysis/limits.ts';
import { median, theilSenSlope } from '../analysis/theil-sen.ts';
import { formatPercent, formatValue } from '../format-values.ts';
import type { CriterionResult, ResourceAnalysis, ServiceResources } from '../types.ts';
import type { Points, ResourcesFile, ServiceResourceSeries } from './resources-file.ts';

const HOUR_S = 3600;

export interface ResourceFindings {
  /** Undefined when the run folder has no resources.json. */
  analysis: ResourceAnalysis | undefined;
  criteria: CriterionResult[];
}

interface Row extends ServiceResources {
  /** Median memory of limits after the warm-up, the base of its growth limit. */
  memoryMedian: number | null;
}

const peak = (points: Points | null) => (points?.length ? Math.max(...points.map(([, v]) => v)) : null);
const mean = (points: Points | null) =>
  points?.length ? points.reduce((sum, [, v]) => sum + v, 0) / points.length : null;

/** Memory after the warm-up (the run's first 10 %, at most 30 s), as in every drift fit. */
function afterWarmUp(points: Points | null, resources: ResourcesFile): Points {
  const fromS = resources.fromMs / 1000;
  const warmUpS = Math.min(
    ((resources.toMs - resources.fromMs) * WARM_UP_SHARE) / 1000,
    WARM_UP_MAX_MS / 1000,
  );
  return (points ?? []).filter(([t]) => t >= fromS + warmUpS);
}

function rowOf(series: ServiceResourceSeries, resources: ResourcesFile, loadScale: number): Row {
  const settled = afterWarmUp(series.memoryOfLimits, resources);
  const fromS = resources.fromMs / 1000;
  const slope =
    settled.length >= MIN_DRIFT_BUCKETS
      ? theilSenSlope(
          settled.map(([t]) => (t - fromS) / (HOUR_S * loadScale)),
          settled.map(([, v]) => v),
        )
      : null;
  return {
    name: series.service,
    cpuOfRequestsPeak: peak(series.cpuOfRequests),
    cpuOfRequestsMean: mean(series.cpuOfRequests),
    memoryOfLimitsPeak: peak(series.memoryOfLimits),
    memoryOfLimitsSlopePerHour: slope,
    memoryMedian: median(settled.map(([, v]) => v)),
  };
}

const listed = (rows: readonly { name: string; text: string }[]) =>
  rows.map((r) => `${r.name} ${r.text}`).join(', ');

interface ResourceSpec {
  id: string;
  /** What is measured, e.g. `CPU of requests`. */
  what: string;
  value: (row: Row) => number | null;
  missing: (series: ServiceResourceSeries) => string | undefined;
  /** The limit per profile; undefined: reported. */
  limit: number | undefined;
  note: string;
}

function notMeasured(id: string, limit: string, what: string, reason: string): CriterionResult {
  return {
    id,
    description: `${what}: not measured`,
    limit,
    observed: null,
    unit: 'ratio',
    pass: null,
    status: 'not-measured',
    notMeasured: reason,
    source: 'analysis',
  };
}

/** Peak CPU of requests or memory of limits: judged on the worst service, or reported. */
function peakCriterion(
  spec: ResourceSpec,
  rows: readonly Row[],
  resources: ResourcesFile,
  profile: ProfileName,
): CriterionResult {
  const limit = spec.limit === undefined ? `none for ${profile}` : `< ${spec.limit}`;
  const measured = rows.filter((r) => spec.value(r) !== null).sort((a, b) => spec.value(b)! - spec.value(a)!);
  const unmeasured = resources.services.filter((s) => !measured.some((r) => r.name === s.service));
  if (measured.length === 0) {
    const first = unmeasured[0];
    return notMeasured(
      spec.id,
      limit,
      spec.what,
      first ? `${first.service}: ${spec.missing(first) ?? 'no data'}` : 'no data',
    );
  }
  const worst = measured[0]!;
  const gap = unmeasured.length ? `; no data for ${unmeasured.map((s) => s.service).join(', ')}` : '';
  const facts = {
    id: spec.id,
    limit,
    observed: spec.value(worst),
    unit: 'ratio' as const,
    source: 'analysis' as const,
  };
  const highest = `highest ${worst.name} ${formatPercent(spec.value(worst))}`;
  if (spec.limit === undefined)
    return {
      ...facts,
      description: `${spec.what} (${spec.note}): ${highest}${gap}`,
      pass: null,
      status: 'reported',
    };
  const over = measured.filter((r) => spec.value(r)! >= spec.limit!);
  const description =
    over.length > 0
      ? `${spec.what} at or above ${formatPercent(spec.limit)} (${spec.note}): ${listed(over.map((r) => ({ name: r.name, text: formatPercent(spec.value(r)) })))}${gap}`
      : `${spec.what} below ${formatPercent(spec.limit)} on every service (${spec.note}); ${highest}${gap}`;
  return { ...facts, description, pass: over.length === 0, status: over.length === 0 ? 'pass' : 'fail' };
}

/** Soak: no service's memory of limits grows faster than its allowance per (scaled) hour. */
function growthCriterion(rows: readonly Row[], loadScale: number): CriterionResult {
  const hour = loadScale < 1 ? `scaled hour (${Number((HOUR_S * loadScale).toFixed(1))} s)` : 'hour';
  const allowance = (r: Row) =>
    Math.max(MEMORY_DRIFT_SHARE_PER_HOUR * (r.memoryMedian ?? 0), MEMORY_GROWTH_FLOOR_PER_HOUR);
  const rule = `memory of limits grows by less than ${MEMORY_DRIFT_SHARE_PER_HOUR * 100} % of its median (at least ${formatPercent(MEMORY_GROWTH_FLOOR_PER_HOUR)} of the limit) per ${hour}`;
  const fitted = rows
    .filter((r) => r.memoryOfLimitsSlopePerHour !== null)
    .sort(
      (a, b) => b.memoryOfLimitsSlopePerHour! / allowance(b) - a.memoryOfLimitsSlopePerHour! / allowance(a),
    );
  const worst = fitted[0];
  if (!worst)
    return {
      id: 'memory-growth',
      description: `${rule}: too few points after the warm-up`,
      limit: `< ${formatPercent(MEMORY_GROWTH_FLOOR_PER_HOUR)}/h`,
      observed: null,
      unit: 'ratio/h',
      pass: null,
      status: 'inconclusive',
      inconclusive: 'too short to judge',
      source: 'analysis',
    };
  const over = fitted.filter((r) => r.memoryOfLimitsSlopePerHour! >= allowance(r));
  const slope = (r: Row) => formatValue(r.memoryOfLimitsSlopePerHour, 'ratio/h');
  const description =
    over.length > 0
      ? `${rule}: grew on ${listed(over.map((r) => ({ name: r.name, text: slope(r) })))}`
      : `${rule} on every service; fastest ${worst.name} ${slope(worst)}`;
  return {
    id: 'memory-growth',
    description,
    limit: `< ${formatPercent(allowance(worst))}/h`,
    observed: worst.memoryOfLimitsSlopePerHour,
    unit: 'ratio/h',
    pass: over.length === 0,
    status: over.length === 0 ? 'pass' : 'fail',
    source: 'analysis',
  };
}

export function resourceCriteria(
  profile: ProfileName,
  resources: ResourcesFile | undefined,
  loadScale: number,
): ResourceFindings {
  const judged = profile === 'normal';
  const window = resources ? `rate over ${resources.rateWindowS} s` : 'rate over 5m';
  const specs: ResourceSpec[] = [
    {
      id: 'cpu-of-requests',
      what: 'CPU of requests',
      value: (r) => r.cpuOfRequestsPeak,
      missing: (s) => s.missing?.cpuOfRequests,
      limit: judged ? CPU_OF_REQUESTS_LIMIT : undefined,
      note: `peak, ${window}`,
    },
    {
      id: 'memory-of-limits',
      what: 'memory of limits',
      value: (r) => r.memoryOfLimitsPeak,
      missing: (s) => s.missing?.memoryOfLimits,
      limit: judged ? MEMORY_OF_LIMITS_LIMIT : undefined,
      note: 'peak working set',
    },
  ];
  const limitOf = (spec: ResourceSpec) =>
    spec.limit === undefined ? `none for ${profile}` : `< ${spec.limit}`;
  const growthLimit = `< ${formatPercent(MEMORY_GROWTH_FLOOR_PER_HOUR)}/h`;
  const reason = !resources ? 'no resources.json in the run folder' : resources.notMeasured;
  if (!resources || reason) {
    const criteria = specs.map((spec) => notMeasured(spec.id, limitOf(spec), spec.what, reason!));
    if (profile === 'soak')
      criteria.push({
        ...notMeasured('memory-growth', growthLimit, 'memory growth', reason!),
        unit: 'ratio/h',
      });
    return { analysis: resources && analysisOf(resources, []), criteria };
  }
  const rows = resources.services.map((s) => rowOf(s, resources, loadScale));
  const criteria = specs.map((spec) => peakCriterion(spec, rows, resources, profile));
  if (profile === 'soak') {
    const hasMemory = rows.some((r) => r.memoryOfLimitsPeak !== null);
    criteria.push(
      hasMemory
        ? growthCriterion(rows, loadScale)
        : {
            ...notMeasured(
              'memory-growth',
              growthLimit,
              'memory growth',
              criteria[1]?.notMeasured ?? 'no data',
            ),
            unit: 'ratio/h',
          },
    );
  }
  return { analysis: analysisOf(resources, rows), criteria };
}

function analysisOf(resources: ResourcesFile, rows: readonly Row[]): ResourceAnalysis {
  return {
    measured: !resources.notMeasured,
    ...(resources.notMeasured ? { notMeasured: resources.notMeasured } : {}),
    namespace: resources.namespace,
    rateWindowS: resources.rateWindowS,
    stepS: resources.stepS,
    services: rows.map(({ memoryMedian: _, ...row }) => row),
  };
}
