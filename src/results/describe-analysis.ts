// The analyses as short plain-text sentences (breaking point, spike recovery, drift, highest
// sustained rate, a canary's v2 against v1, a fault's recovery, the services' CPU and memory), worded
// once for both the terminal verdict and report.md.
// Each renderer styles or escapes them its own way. Runs in: Node.
import { formatMs, formatPercent, formatRate, formatRunOffset, formatValue } from './format-values.ts';
import type {
  AnalysisResults,
  BreakdownRow,
  BreakingPointAnalysis,
  BreakpointAnalysis,
  CanaryAnalysis,
  ChaosFaultAnalysis,
  DriftAnalysis,
  ResourceAnalysis,
  ServiceResources,
  SpikeAnalysis,
} from './types.ts';

/** One labelled finding, e.g. { label: 'Breaking point', text: 'step-7 at 700 VUs …' }. */
interface AnalysisLine {
  label: string;
  text: string;
}

/** The service with the highest error rate at the breaking step, "order-service 12 %". */
function worstServiceAt(rates: Record<string, number | null>): string | undefined {
  let worst: [string, number] | undefined;
  for (const [name, rate] of Object.entries(rates))
    if (rate !== null && rate > 0 && (!worst || rate > worst[1])) worst = [name, rate];
  return worst && `${worst[0]} ${formatPercent(worst[1])}`;
}

function describeBreakingPoint(analysis: BreakingPointAnalysis): string {
  const step = analysis.step;
  if (!step) return 'not reached within the profile';
  const worst = worstServiceAt(analysis.serviceErrorRates);
  return (
    `${step.name} at ${step.vus} VUs, ${formatRate(step.rps)}: p95 ${formatMs(step.p95Ms)}, ` +
    `errors ${formatPercent(step.errorRate)}${worst ? `; worst service ${worst}` : ''}`
  );
}

function describeSpike(analysis: SpikeAnalysis): string {
  const recovery =
    analysis.recoveryMs !== null
      ? `back in the pre-spike band ${formatMs(analysis.recoveryMs)} after it`
      : analysis.band === null
        ? 'recovery not measured (no steady window before the spike to compare with)'
        : 'not back in the pre-spike band by the end';
  return (
    `errors during the spike ${formatPercent(analysis.spikeErrorRate)}; ${recovery}; ` +
    `${analysis.overflowsAfter} pool overflow(s) after`
  );
}

function describeDrift(analysis: DriftAnalysis): string {
  const parts = [
    `p95 ${formatValue(analysis.p95SlopeMsPerHour, 'ms/h')}`,
    `errors ${formatValue(analysis.errorRateSlopePerHour, 'ratio/h')}`,
  ];
  if (analysis.memorySlopeBytesPerHour !== null)
    parts.push(`memory ${formatValue(analysis.memorySlopeBytesPerHour, 'bytes/h')}`);
  return `${parts.join(', ')} over ${analysis.minutes} buckets (a minute each at full scale; slopes per scaled hour)`;
}

function describeBreakpoint(analysis: BreakpointAnalysis): string {
  const broke =
    analysis.brokeAtRate === null
      ? 'never broke'
      : `broke at ${formatRate(analysis.brokeAtRate)}${analysis.brokeWhileGeneratorLagged ? ' (while the generator lagged)' : ''}`;
  return `${formatRate(analysis.highestSustainedRate)} within p95 < 500 ms and errors < 1 %; ${broke}`;
}

/**
 * v2 against v1: "x-version=v2 on 9.2 % of requests (asked 10 %): errors 0 % vs 0 %, p95 42 ms vs 48 ms
 * (ratio 0.88, 95 % bounds 0.70–1.15)"; a 100 % step names the earlier steps its v1 comes from.
 */
function describeCanary(canary: CanaryAnalysis): string {
  const share = `${canary.header} on ${formatPercent(canary.v2Share)} of requests (asked ${canary.splitPercent} %)`;
  const bounds =
    canary.p95.lower !== null && canary.p95.upper !== null
      ? `, 95 % bounds ${canary.p95.lower.toFixed(2)}–${canary.p95.upper.toFixed(2)}`
      : '';
  const ratio = canary.p95.ratio === null ? '' : ` (ratio ${canary.p95.ratio.toFixed(2)}${bounds})`;
  const reference =
    canary.reference.kind === 'earlier steps'
      ? `; v1 from the earlier steps ${canary.reference.runs.join(', ')}${canary.reference.missing.length ? ` (missing: ${canary.reference.missing.join(', ')})` : ''}`
      : '';
  const scope = canary.compared === 'all requests' ? '' : ` on ${canary.compared}`;
  return (
    `${share}${scope}: errors v2 ${formatPercent(canary.v2.errorRate)} vs v1 ${formatPercent(canary.v1.errorRate)}, ` +
    `p95 v2 ${formatMs(canary.v2.p95Ms)} vs v1 ${formatMs(canary.v1.p95Ms)}${ratio}${reference}`
  );
}

/** Every measured service's share, highest first: "order-service 37 %, product-service 21 %". */
function describeShares(resources: ResourceAnalysis, pick: (s: ServiceResources) => number | null): string {
  return resources.services
    .filter((s) => pick(s) !== null)
    .sort((a, b) => (pick(b) ?? 0) - (pick(a) ?? 0))
    .map((s) => `${s.name} ${formatPercent(pick(s))}`)
    .join(', ');
}

function resourceLines(resources: ResourceAnalysis): AnalysisLine[] {
  if (!resources.measured) return [];
  const lines: AnalysisLine[] = [];
  const cpu = describeShares(resources, (s) => s.cpuOfRequestsPeak);
  if (cpu)
    lines.push({ label: 'CPU of requests (peak)', text: `${cpu} (rate over ${resources.rateWindowS} s)` });
  const memory = describeShares(resources, (s) => s.memoryOfLimitsPeak);
  if (memory) lines.push({ label: 'Memory of limits (peak)', text: memory });
  return lines;
}

/** The profile-specific findings present in `analysis`, in reading order. */
export function analysisLines(analysis: AnalysisResults): AnalysisLine[] {
  const lines: AnalysisLine[] = [];
  if (analysis.breakingPoint)
    lines.push({ label: 'Breaking point', text: describeBreakingPoint(analysis.breakingPoint) });
  if (analysis.spike) lines.push({ label: 'Spike', text: describeSpike(analysis.spike) });
  if (analysis.drift) lines.push({ label: 'Drift', text: describeDrift(analysis.drift) });
  if (analysis.breakpoint)
    lines.push({ label: 'Highest sustained rate', text: describeBreakpoint(analysis.breakpoint) });
  if (analysis.canary) lines.push({ label: 'Canary', text: describeCanary(analysis.canary) });
  if (analysis.resources) lines.push(...resourceLines(analysis.resources));
  return lines;
}

/**
 * Why users' recovery has no figure when the fault came before a steady stretch of traffic (in the
 * warm-up, or right after another fault): nothing to compare the after-fault seconds with.
 */
export const NO_BAND = 'no steady window before the fault to compare with';

/**
 * When a fault hit and how long it took to heal, "injected at +40.0s, recovered after 4.2 s (users)
 * / 3.1 s (replicas ready)". The offset counts from `runStartedAt` (ISO), the run's start.
 */
export function describeFaultTiming(fault: ChaosFaultAnalysis, runStartedAt: string): string {
  const startMs = Date.parse(runStartedAt);
  const injected = Number.isFinite(startMs)
    ? `injected at ${formatRunOffset(fault.injectedMs - startMs)}`
    : `injected at ${new Date(fault.injectedMs).toISOString()}`;
  const users =
    fault.recoveryMs !== null
      ? `recovered after ${formatMs(fault.recoveryMs)} (users)`
      : fault.band === null
        ? `recovery not measured (users: ${NO_BAND})`
        : 'not recovered (users)';
  const replicas =
    fault.providerRecoveryMs === null
      ? 'replicas not seen ready'
      : `${formatMs(fault.providerRecoveryMs)} (replicas ready)`;
  return `${injected}, ${users} / ${replicas}`;
}

/** A worst-of row, "order-service (18 %, p95 1.2 s)". */
export function describeRow(row: BreakdownRow): string {
  return `${row.name} (${formatPercent(row.errorRate)}, p95 ${formatMs(row.p95Ms)})`;
}
