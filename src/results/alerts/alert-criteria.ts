// The platform's alert rules as verdict criteria: would HighErrorRate, HighLatency,
// CircuitBreakerOpen (from the run's own series) and PodDown (from Prometheus' kube-state series in
// resources.json) have fired during the run? Judged — failing when one would have fired — for the
// profiles that stay at or below normal load (smoke, normal, soak); reported for stress, spike and
// breakpoint, which push past it on purpose. A run shorter than a rule's window + for could not have
// fired it as Prometheus would: not measured. Runs in: Node.
import { formatDurationMs } from '../../vu/duration.ts';
import type { ProfileName } from '../../vu/profiles.ts';
import { overlapsLag, type TimeSpan } from '../analysis/generator-lag.ts';
import { formatMs, formatPercent, formatRate } from '../format-values.ts';
import type { ResourcesFile } from '../resources/resources-file.ts';
import type { CriterionResult, SeriesPoint } from '../types.ts';
import { type AlertRule, HIGH_ERROR_RATE, HIGH_LATENCY, POD_DOWN } from './alert-rules.ts';
import { type AlertEvaluation, evaluateSeriesAlert, SERIES_ALERT_RULES } from './evaluate-alert.ts';

/** Profiles whose load should never raise an alert; the others report what would have fired. */
const JUDGED_PROFILES: readonly ProfileName[] = ['smoke', 'normal', 'soak'];

export interface AlertCriteriaInput {
  profile: ProfileName;
  points: readonly SeriesPoint[];
  runStartMs: number;
  seriesEndMs: number;
  /** Spans in which the load generator lagged: a latency alert raised in them blames nobody. */
  lag: readonly TimeSpan[];
  /** resources.json of the run; undefined when the folder has none. */
  resources: ResourcesFile | undefined;
}

/** `HighErrorRate (critical; 5xx share over 5m > 1 % for 5m)`. */
function title(rule: AlertRule): string {
  return `${rule.name} (${rule.severity}; ${rule.condition} for ${formatDurationMs(rule.forMs)})`;
}

/** The highest value the condition compared, and where: "highest order-service 0.4 %". */
function highestText(rule: AlertRule, service: string, peak: number | null): string {
  if (peak === null) return 'no requests in any 5m window';
  if (peak === 0 && rule !== HIGH_LATENCY)
    return rule === HIGH_ERROR_RATE ? 'no failed requests' : 'no pool overflows';
  const value =
    rule === HIGH_ERROR_RATE
      ? formatPercent(peak)
      : rule === HIGH_LATENCY
        ? `p95 ${formatMs(peak)}`
        : `${formatRate(peak)} overflows`;
  return `highest ${service} ${value}`;
}

function base(rule: AlertRule, profile: ProfileName, observed: number | null) {
  const judged = JUDGED_PROFILES.includes(profile);
  return {
    id: rule.id,
    // The alert fires once its condition has held for `for`: how long it held is what is observed.
    limit: judged ? `held < ${formatDurationMs(rule.forMs)}` : `none for ${profile}`,
    observed,
    unit: 'ms' as const,
    source: 'analysis' as const,
  };
}

function notMeasured(rule: AlertRule, profile: ProfileName, reason: string): CriterionResult {
  return {
    ...base(rule, profile, null),
    description: `${title(rule)}: not evaluated`,
    pass: null,
    status: 'not-measured',
    notMeasured: reason,
  };
}

/** Judged (or reported) from who held the condition longest; `fired` names every service it fired on. */
function outcome(
  rule: AlertRule,
  profile: ProfileName,
  observed: number,
  fired: string[],
  detail: string,
  inconclusiveWhy?: 'generator overloaded',
): CriterionResult {
  const verdict = fired.length > 0 ? `would have fired on ${fired.join(', ')}` : 'would not have fired';
  const criterion = {
    ...base(rule, profile, observed),
    description: `${title(rule)}: ${verdict}; ${detail}`,
  };
  if (!JUDGED_PROFILES.includes(profile)) return { ...criterion, pass: null, status: 'reported' };
  if (inconclusiveWhy)
    return { ...criterion, pass: null, status: 'inconclusive', inconclusive: inconclusiveWhy };
  const pass = fired.length === 0;
  return { ...criterion, pass, status: pass ? 'pass' : 'fail' };
}

function seriesAlertCriterion(evaluation: AlertEvaluation, input: AlertCriteriaInput): CriterionResult {
  const { rule } = evaluation;
  if (!evaluation.evaluable)
    return notMeasured(
      rule,
      input.profile,
      `run shorter than the alert's window + for (${formatDurationMs(rule.windowMs + rule.forMs)})`,
    );
  const worst = evaluation.services[0];
  if (!worst)
    return {
      ...base(rule, input.profile, null),
      description: `${title(rule)}: no requests tagged with a service`,
      pass: null,
      status: 'inconclusive',
      inconclusive: 'no data',
    };
  const fired = evaluation.services.filter((s) => s.fired);
  const highest = evaluation.services.reduce((a, b) => ((b.peak ?? -1) > (a.peak ?? -1) ? b : a));
  const held = worst.held ? `, condition held ${formatMs(worst.heldMs)} on ${worst.service}` : '';
  const detail = `${highestText(rule, highest.service, highest.peak)}${held}`;
  // A latency alert raised while the generator lagged may be the generator's own delay.
  const lagged =
    rule === HIGH_LATENCY &&
    fired.length > 0 &&
    fired.every((s) => s.held && overlapsLag(input.lag, s.held.fromMs - rule.windowMs, s.held.toMs));
  return outcome(
    rule,
    input.profile,
    worst.heldMs,
    fired.map((s) => s.service),
    detail,
    lagged ? 'generator overloaded' : undefined,
  );
}

function podDownCriterion(input: AlertCriteriaInput): CriterionResult {
  const { resources, profile } = input;
  if (!resources) return notMeasured(POD_DOWN, profile, 'no resources.json in the run folder');
  if (resources.notMeasured) return notMeasured(POD_DOWN, profile, resources.notMeasured);
  if (!resources.podDown) return notMeasured(POD_DOWN, profile, resources.podDownMissing ?? 'no data');
  if (resources.toMs - resources.fromMs < POD_DOWN.forMs)
    return notMeasured(
      POD_DOWN,
      profile,
      `run shorter than the alert's for (${formatDurationMs(POD_DOWN.forMs)})`,
    );
  const held = resources.podDown
    .map((d) => ({
      deployment: d.deployment,
      heldMs: Math.max(0, ...d.downSpans.map(([from, to]) => (to - from) * 1000)),
      down: d.downSpans.length > 0,
    }))
    .sort((a, b) => b.heldMs - a.heldMs);
  const fired = held.filter((d) => d.down && d.heldMs >= POD_DOWN.forMs).map((d) => d.deployment);
  const worst = held[0];
  const detail =
    worst?.down === true
      ? `longest with fewer replicas than desired: ${worst.deployment} ${formatMs(worst.heldMs)}`
      : `every deployment kept its desired replicas (${held.length} deployments)`;
  return outcome(POD_DOWN, profile, worst?.heldMs ?? 0, fired, detail);
}

export function alertCriteria(input: AlertCriteriaInput): CriterionResult[] {
  return [
    ...SERIES_ALERT_RULES.map((rule) =>
      seriesAlertCriterion(
        evaluateSeriesAlert(rule, input.points, input.runStartMs, input.seriesEndMs),
        input,
      ),
    ),
    podDownCriterion(input),
  ];
}
