// `k6-local`: the k6-compatible CLI of the local runner. `k6-local run [flags] <script>` maps k6's
// flags onto runLocal() and exits with k6's exit codes; `k6-local version`. A command line k6 would
// reject (unknown flag or command, bad flag value, missing script) exits 255 with k6's message.
// SIGINT/SIGTERM stop the test gracefully (summary still written, exit 105). Runs in: Node (entry point).
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, exitCodeOf } from '../errors.ts';
import { runLocal } from './run.ts';

export const VERSION = 'k6-local v0.1.0 (k6-compatible subset)';
/** k6's exit code for a command line it rejects: cobra's error reaches os.Exit(-1). */
export const USAGE_EXIT_CODE = 255;

const collect = (value: string, previous: string[]) => [...previous, value];
const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected an integer >= 0, got ${value}`);
  return n;
};

function parsePairs(values: string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const problems: string[] = [];
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) problems.push(`${flag} ${value}: expected KEY=VALUE`);
    else out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  if (problems.length) throw new ConfigError(`invalid ${flag} flags`, problems);
  return out;
}

function parseStages(values: string[]): { duration: string; target: number }[] | undefined {
  if (!values.length) return undefined;
  const problems: string[] = [];
  const stages = values.map((value) => {
    const [duration, target] = value.split(':');
    if (!duration || target === undefined || !/^\d+$/.test(target))
      problems.push(`--stage ${value}: expected DURATION:TARGET like 30s:10`);
    return { duration: duration ?? '', target: Number(target) };
  });
  if (problems.length) throw new ConfigError('invalid --stage flags', problems);
  return stages;
}

/** The outputs k6-local has. */
interface Outputs {
  jsonPath?: string;
  prometheusRemoteWrite: boolean;
}

/**
 * `--out` values, or K6_OUT's comma-separated list when no flag is given (k6: flags win over env).
 * Remote write is configured by K6_PROMETHEUS_RW_* as in k6, so its `--out` takes no argument.
 */
function parseOut(values: string[], k6Out: string | undefined): Outputs {
  const outputs: Outputs = { prometheusRemoteWrite: false };
  const given = values.length > 0 ? values : (k6Out?.split(',').filter((v) => v.trim() !== '') ?? []);
  for (const value of given.map((v) => v.trim())) {
    const json = /^json=(.+)$/.exec(value);
    if (json) outputs.jsonPath = json[1];
    else if (value === 'experimental-prometheus-rw') outputs.prometheusRemoteWrite = true;
    else
      throw new ConfigError('unsupported --out', [
        `--out ${value}: the local runner supports json=FILE and experimental-prometheus-rw`,
      ]);
  }
  return outputs;
}

interface RunFlags {
  env: string[];
  vus?: number;
  duration?: string;
  iterations?: number;
  stage: string[];
  out: string[];
  summaryExport?: string;
  summaryTrendStats?: string;
  quiet?: boolean;
  thresholds: boolean;
  tag: string[];
  workers?: number;
  timeSeries?: string;
  includeSystemEnvVars?: boolean;
  noColor?: boolean;
  strictBlocking?: boolean;
}

/**
 * The CLI's Ctrl-C handling, kept in this one function: the first SIGINT/SIGTERM aborts the returned
 * signal (the run stops gracefully, summary written, exit 105); the handlers are `once`, so a second
 * signal falls through to Node's default and ends the process at once, as k6's second Ctrl-C does.
 * Call the returned `dispose` when the run is over.
 */
function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

async function run(script: string, flags: RunFlags): Promise<number> {
  const outputs = parseOut(flags.out, process.env.K6_OUT);
  const interrupt = interruptSignal();
  try {
    const result = await runLocal({
      scriptPath: script,
      env: parsePairs(flags.env, '--env'),
      includeSystemEnv: flags.includeSystemEnvVars,
      vus: flags.vus,
      duration: flags.duration,
      iterations: flags.iterations,
      stages: parseStages(flags.stage),
      tags: parsePairs(flags.tag, '--tag'),
      noThresholds: !flags.thresholds,
      summaryTrendStats: flags.summaryTrendStats?.split(',').map((s) => s.trim()),
      quiet: flags.quiet,
      summaryExportPath: flags.summaryExport,
      outJsonPath: outputs.jsonPath,
      prometheusRemoteWrite: outputs.prometheusRemoteWrite,
      timeSeriesPath: flags.timeSeries,
      workers: flags.workers,
      signal: interrupt.signal,
      progress: true,
      noColor: flags.noColor,
      // Unset: runLocal reads K6_LOCAL_STRICT_BLOCKING.
      strictBlocking: flags.strictBlocking || undefined,
    });
    return result.exitCode;
  } finally {
    interrupt.dispose();
  }
}

/** Commander's parse error in cobra's words (what k6 prints), e.g. `unknown flag: --foo`. */
function k6UsageMessage(error: CommanderError): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownOption':
      return quoted.startsWith('--')
        ? `unknown flag: ${quoted}`
        : `unknown shorthand flag: '${quoted.slice(1, 2)}' in ${quoted}`;
    case 'commander.unknownCommand':
      return `unknown command "${quoted}" for "k6-local"`;
    default:
      return error.message.replace(/^error: /, '');
  }
}

export function buildProgram(): Command {
  // exitOverride: parse errors are thrown (and mapped to k6's 255 in main) instead of exiting with 1;
  // commander's own error line is silenced for k6's.
  const program = new Command('k6-local')
    .description('k6-compatible local load test runner (Node)')
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  program
    .command('version')
    .description('print the version')
    .action(() => {
      process.stdout.write(`${VERSION}\n`);
    });
  program
    .command('run')
    .description('run a k6 script (.js or .ts)')
    .argument('<script>', 'k6 script or esbuild bundle')
    .option('-e, --env <KEY=VALUE>', 'add an __ENV variable (repeatable)', collect, [])
    .option('-u, --vus <n>', 'number of VUs (shortcut)', positiveInt)
    .option('-d, --duration <duration>', 'test duration, e.g. 30s (shortcut)')
    .option('-i, --iterations <n>', 'total iterations (shortcut)', positiveInt)
    .option('-s, --stage <DURATION:TARGET>', 'ramping stage, e.g. 30s:10 (repeatable)', collect, [])
    .option(
      '-o, --out <output>',
      'json=FILE (every sample) or experimental-prometheus-rw (K6_PROMETHEUS_RW_*); repeatable',
      collect,
      [],
    )
    .option('--summary-export <file>', 'write the legacy k6 JSON summary')
    .option('--summary-trend-stats <stats>', 'trend stats in the summary, e.g. avg,p(95),p(99)')
    .option('-q, --quiet', 'no progress line')
    .option('--no-thresholds', 'do not evaluate thresholds')
    .option('--tag <KEY=VALUE>', 'tag added to every sample (repeatable)', collect, [])
    .option('--workers <n>', 'VU worker threads (default: auto, see docs)', positiveInt)
    .option('--time-series <file>', 'per-second NDJSON time series')
    .option('--include-system-env-vars', 'pass the process environment to __ENV')
    .option('--no-color', 'no colors in the text summary')
    .option(
      '--strict-blocking',
      'refuse (exit 107) a script whose blocking calls cannot all be made to wait per VU, instead of running it on the blocking path (also K6_LOCAL_STRICT_BLOCKING=true)',
    )
    .action(async (script: string, flags: RunFlags & { color?: boolean }) => {
      process.exitCode = await run(script, { ...flags, noColor: flags.color === false });
    });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help, and no command at all (help shown, like k6), end parsing with nothing to add.
      const help = error.exitCode === 0 || error.code === 'commander.help';
      if (!help) process.stderr.write(`ERRO[0000] ${k6UsageMessage(error)}\n`);
      process.exitCode = help ? 0 : USAGE_EXIT_CODE;
      return;
    }
    process.stderr.write(`ERRO ${(error as Error).message}\n`);
    process.exitCode = exitCodeOf(error);
  }
}

await main(process.argv);
