// The flags of a load run, declared once for every script that starts one (`npm run load:<profile>`,
// `npm run load:canary`). Values are checked by resolveRunConfig, not commander: every bad flag is
// reported at once, and a bad env value is named as such. Runs in: Node (entry points).
import type { Command } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

type OptionSpec = readonly [flags: string, description: string, parse?: typeof collect];

const LOAD_OPTIONS: readonly OptionSpec[] = [
  ['--target <url>', 'gateway URL of a real target (env BASE_URL); default: start the embedded stand-in'],
  ['--engine <engine>', 'auto, k6, local or k6-operator (env C4ANG_PERF_ENGINE); default auto'],
  ['--parallelism <n>', 'k6-operator: runner pods sharing the load (default 1)'],
  ['--dry-run', 'k6-operator: print the manifests the run would apply (stdout) and contact nothing'],
  [
    '--scale <loadScale>',
    'multiply every duration, 0 < s ≤ 1 (env LOAD_SCALE); default 1, quick on the embedded target',
  ],
  ['--vu-scale <vuScale>', 'multiply VU counts and rates, 0 < s ≤ 10 (env VU_SCALE)'],
  ['--chaos <file>', 'Chaos Mesh manifest to inject during the run (repeatable)', collect],
  ['--chaos-at <percent>', 'when chaos starts, as % of the run (default 33)'],
  [
    '--chaos-provider <name>',
    'local (embedded target) or chaos-mesh (kubectl) (env C4ANG_PERF_CHAOS_PROVIDER)',
  ],
  [
    '--allow-production-context',
    'let the chaos-mesh provider act on a kube context that looks like production',
  ],
  ['--run-id <id>', 'name of the results folder (env RUN_ID); default <profile>-<time>-<random>'],
  ['--results-dir <dir>', 'where run folders go (env C4ANG_PERF_RESULTS); default results/'],
  ['--seed <n>', 'seed of the traffic mix (env SEED); default derived from the run id'],
  ['--k6-bin <path>', 'k6 binary to use (env K6_BIN)'],
  [
    '--k6-summary <mode>',
    'real k6: auto, k6 or harness — who keeps summary and thresholds (env C4ANG_PERF_K6_SUMMARY); auto: the harness on soak and runs over 30 min',
  ],
  ['--workers <n>', 'worker threads of the local runner'],
  ['--strict', 'inconclusive criteria (no data, generator overloaded) fail the run (exit 99)'],
  ['-q, --quiet', 'no progress output (default in CI)'],
];

/**
 * Adds the load-run flags to `command`, in the order `--help` lists them; `overrides` rewords a
 * flag's help for this script, `omit` leaves flags out that mean nothing there.
 */
export function addLoadOptions(
  command: Command,
  options: { omit?: readonly string[]; overrides?: Readonly<Record<string, string>> } = {},
): Command {
  for (const [flags, description, parse] of LOAD_OPTIONS) {
    const long = /--[\w-]+/.exec(flags)![0];
    if (options.omit?.includes(long)) continue;
    const text = options.overrides?.[long] ?? description;
    if (parse) command.option(flags, text, parse);
    else command.option(flags, text);
  }
  return command;
}
