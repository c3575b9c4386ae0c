// k6's execution-config consolidation: CLI shortcuts (--vus/--duration/--iterations/--stage)
// override the script's, shortcuts derive the implicit `default` scenario, and mixing shortcuts
// with each other or with `scenarios` is an ExecutionConflictError (exit 104), as in k6's
// DeriveScenariosFromShortcuts. Runs in: Node (runner main thread).
import { tryParseDurationMs, tryParseGoDurationMs } from '../../vu/duration.ts';
import { normalizeScenario } from './normalize-scenario.ts';
import type { Scenario, Stage } from './scenario-types.ts';

/** Shortcut overrides from the command line / runLocal options. */
export interface ShortcutOverrides {
  vus?: number;
  duration?: string;
  iterations?: number;
  stages?: { duration: string; target: number }[];
}

interface DerivedScenarios {
  scenarios: Scenario[];
  problems: string[];
  warnings: string[];
}

const BASE = { name: 'default', startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {} };

/**
 * Durations as k6 reads them: script options with its extended syntax (a number or unitless string
 * is ms, days allowed), the --duration and --stage flags with Go's `time.ParseDuration`.
 */
const SCRIPT_DURATION = tryParseDurationMs;
const FLAG_DURATION = (value: unknown) =>
  typeof value === 'string' ? tryParseGoDurationMs(value) : undefined;

function readShortcuts(
  source: Record<string, unknown>,
  where: string,
  problems: string[],
  parseDuration: (value: unknown) => number | undefined,
) {
  const out: { vus?: number; durationMs?: number; iterations?: number; stages?: Stage[] } = {};
  if (source.vus !== undefined && source.vus !== null) {
    if (!Number.isInteger(source.vus) || (source.vus as number) < 0)
      problems.push(
        `${where}vus: invalid value (got ${JSON.stringify(source.vus)}, expected an integer >= 0)`,
      );
    else out.vus = source.vus as number;
  }
  if (source.duration !== undefined && source.duration !== null) {
    const ms = parseDuration(source.duration);
    if (ms === undefined)
      problems.push(
        `${where}duration: invalid duration (got ${JSON.stringify(source.duration)}, expected e.g. "30s")`,
      );
    else out.durationMs = ms;
  }
  if (source.iterations !== undefined && source.iterations !== null) {
    if (!Number.isInteger(source.iterations) || (source.iterations as number) < 1)
      problems.push(
        `${where}iterations: invalid value (got ${JSON.stringify(source.iterations)}, expected an integer >= 1)`,
      );
    else out.iterations = source.iterations as number;
  }
  if (Array.isArray(source.stages) && source.stages.length) {
    out.stages = [];
    source.stages.forEach((stage: { duration?: unknown; target?: unknown }, i: number) => {
      if (stage?.duration === undefined || stage.duration === null) return; // k6 skips stages without a duration
      const durationMs = parseDuration(stage.duration);
      if (durationMs === undefined || !Number.isInteger(stage.target) || (stage.target as number) < 0)
        problems.push(
          `${where}stages[${i}]: invalid stage (got ${JSON.stringify(stage)}, expected {duration: "30s", target: >= 0})`,
        );
      else out.stages?.push({ durationMs, target: stage.target as number });
    });
  }
  return out;
}

export function deriveScenarios(
  options: Record<string, unknown>,
  cli: ShortcutOverrides = {},
): DerivedScenarios {
  const problems: string[] = [];
  const warnings: string[] = [];
  const script = readShortcuts(options, 'options.', problems, SCRIPT_DURATION);
  const flags = readShortcuts(cli as Record<string, unknown>, '--', problems, FLAG_DURATION);
  const cliHasShortcut = Object.keys(flags).length > 0;
  let rawScenarios = options.scenarios as Record<string, unknown> | undefined;
  if (cliHasShortcut && rawScenarios) {
    warnings.push(
      'the script defines scenarios but execution shortcuts were given on the command line: the scenarios are ignored',
    );
    rawScenarios = undefined;
  }
  // CLI values override the script's field by field (k6's config consolidation).
  const merged = { ...script, ...flags };
  const hasScenarios = !!rawScenarios && Object.keys(rawScenarios).length > 0;
  const conflict = (shortcut: string) =>
    problems.push(
      `options.${shortcut}: ExecutionConflictError: using an execution configuration shortcut (\`${shortcut}\`) and \`scenarios\` simultaneously is not allowed`,
    );
  const multiple = (a: string, b: string) =>
    problems.push(
      `options.${a}: ExecutionConflictError: using multiple execution config shortcuts (\`${a}\` and \`${b}\`) simultaneously is not allowed`,
    );

  let scenarios: Scenario[] = [];
  const vus = merged.vus;
  if (merged.iterations !== undefined) {
    if (merged.stages) multiple('iterations', 'stages');
    if (hasScenarios) conflict('iterations');
    const sharedVus = vus ?? 1;
    if (merged.iterations < sharedVus)
      problems.push(
        `options.iterations: the number of iterations can't be less than the number of VUs (got ${merged.iterations}, expected >= ${sharedVus})`,
      );
    scenarios = [
      {
        ...BASE,
        executor: 'shared-iterations',
        vus: Math.max(1, sharedVus),
        iterations: merged.iterations,
        maxDurationMs: merged.durationMs || 600_000,
      },
    ];
  } else if (merged.durationMs !== undefined) {
    if (merged.stages) multiple('duration', 'stages');
    if (hasScenarios) conflict('duration');
    if (merged.durationMs <= 0) problems.push('options.duration: `duration` should be more than 0 (got 0)');
    scenarios = [
      { ...BASE, executor: 'constant-vus', vus: Math.max(1, vus ?? 1), durationMs: merged.durationMs },
    ];
  } else if (merged.stages?.length) {
    if (hasScenarios) conflict('stages');
    scenarios = [
      {
        ...BASE,
        executor: 'ramping-vus',
        startVUs: vus ?? 1,
        stages: merged.stages,
        gracefulRampDownMs: 30_000,
      },
    ];
  } else if (hasScenarios) {
    for (const [name, raw] of Object.entries(rawScenarios as Record<string, unknown>)) {
      const scenario = normalizeScenario(name, raw, problems);
      if (scenario) scenarios.push(scenario);
    }
  } else if (vus !== undefined) {
    scenarios = [
      {
        ...BASE,
        executor: 'shared-iterations',
        vus: Math.max(1, vus),
        iterations: Math.max(1, vus),
        maxDurationMs: 600_000,
      },
    ];
  } else {
    scenarios = [
      {
        ...BASE,
        executor: 'per-vu-iterations',
        vus: Math.max(1, vus ?? 1),
        iterations: 1,
        maxDurationMs: 600_000,
      },
    ];
  }
  return { scenarios, problems, warnings };
}
