// Resolves the script's `options` plus runLocal/CLI overrides into one frozen run configuration:
// scenarios, thresholds, summary settings, timeouts, tags. Every problem is collected and thrown as
// one ConfigError (exit 104), before anything starts. Runs in: Node (runner main thread).
import { ConfigError } from '../../errors.ts';
import { type KnownMetric, parseThresholds, type ThresholdSpec } from '../thresholds/parse-threshold.ts';
import { validateTrendStats } from '../summary/summary-data.ts';
import { deriveScenarios, type ShortcutOverrides } from './derive-scenarios.ts';
import { FieldReader } from './option-readers.ts';
import type { Scenario } from './scenario-types.ts';

export interface ResolvedOptions {
  scenarios: Scenario[];
  thresholds: ThresholdSpec[];
  /** Metric keys thresholds name (incl. `[]` entries): sub-metrics to declare in every registry. */
  thresholdKeys: string[];
  summaryTrendStats: string[];
  summaryTimeUnit?: string;
  setupTimeoutMs: number;
  teardownTimeoutMs: number;
  handleSummaryTimeoutMs: number;
  discardResponseBodies: boolean;
  /** options.tags overlaid with --tag flags. */
  tags: Record<string, string>;
  warnings: string[];
  /** What exec.test.options returns. */
  consolidated: Readonly<Record<string, unknown>>;
}

const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

/** k6 options the local runner does not implement: rejected so results never silently differ. */
const UNSUPPORTED = [
  'hosts',
  'dns',
  'rps',
  'minIterationDuration',
  'noConnectionReuse',
  'noVUConnectionReuse',
  'throw',
  'tlsAuth',
  'tlsVersion',
  'tlsCipherSuites',
  'systemTags',
  'blacklistIPs',
  'blockHostnames',
  'executionSegment',
  'executionSegmentSequence',
  'paused',
  'localIPs',
  'httpDebug',
  'consoleOutput',
  'userAgent',
];
/** k6 options that do not change what the local runner measures: accepted with a warning. */
const IGNORED = [
  'noUsageReport',
  'insecureSkipTLSVerify',
  'batch',
  'batchPerHost',
  'maxRedirects',
  'cloud',
  'ext',
  'noCookiesReset',
  'linger',
];

interface ResolveInput {
  scriptOptions: Record<string, unknown>;
  overrides: ShortcutOverrides;
  cliTags?: Record<string, string>;
  summaryTrendStats?: string[];
  exportedFunctions: readonly string[];
  knownMetric: KnownMetric;
  scriptPath: string;
}

export function resolveOptions(input: ResolveInput): ResolvedOptions {
  const options = input.scriptOptions;
  const derived = deriveScenarios(options, input.overrides);
  const problems = [...derived.problems];
  const warnings = [...derived.warnings];
  for (const key of UNSUPPORTED)
    if (options[key] !== undefined)
      problems.push(
        `options.${key}: not supported by the local runner (got ${JSON.stringify(options[key])})`,
      );
  for (const key of IGNORED)
    if (options[key] !== undefined) warnings.push(`options.${key} is ignored by the local runner`);
  for (const scenario of derived.scenarios) {
    if (!input.exportedFunctions.includes(scenario.exec))
      problems.push(
        `options.scenarios.${scenario.name}.exec: function '${scenario.exec}' is not exported by the script (got ${JSON.stringify(scenario.exec)}, expected one of ${JSON.stringify(input.exportedFunctions)})`,
      );
  }
  const r = new FieldReader(options, 'options', problems);
  const setupTimeoutMs = r.durationMs('setupTimeout', '60s', false);
  const teardownTimeoutMs = r.durationMs('teardownTimeout', '60s', false);
  const handleSummaryTimeoutMs = r.durationMs('handleSummaryTimeout', '120s', false);
  const tags = { ...r.stringMap('tags'), ...input.cliTags };
  const trendStats =
    input.summaryTrendStats ?? (options.summaryTrendStats as string[] | undefined) ?? DEFAULT_TREND_STATS;
  if (!Array.isArray(trendStats) || trendStats.some((s) => typeof s !== 'string'))
    problems.push(
      `options.summaryTrendStats: invalid value (got ${JSON.stringify(trendStats)}, expected e.g. ["avg","p(95)"])`,
    );
  else problems.push(...validateTrendStats(trendStats).map((p) => `options.${p}`));
  const parsed = parseThresholds(options.thresholds ?? {}, input.knownMetric);
  problems.push(...parsed.problems.map((p) => (p.startsWith('options.') ? p : `options.thresholds: ${p}`)));
  if (problems.length)
    throw new ConfigError(
      `invalid options in ${input.scriptPath}`,
      problems.map((p) => `${input.scriptPath} ${p}`),
    );
  const scenarios =
    options.scenarios ?? Object.fromEntries(derived.scenarios.map((s) => [s.name, { executor: s.executor }]));
  return {
    scenarios: derived.scenarios,
    thresholds: parsed.specs,
    thresholdKeys: parsed.metricKeys,
    summaryTrendStats: trendStats,
    summaryTimeUnit: typeof options.summaryTimeUnit === 'string' ? options.summaryTimeUnit : undefined,
    setupTimeoutMs,
    teardownTimeoutMs,
    handleSummaryTimeoutMs,
    discardResponseBodies: options.discardResponseBodies === true,
    tags,
    warnings,
    consolidated: Object.freeze({ ...options, scenarios, tags }),
  };
}
