// npm run load:<profile> [-- flags]: run one load profile end to end and exit with the run's code.
// Thin by design: parse flags, resolve config, hand over to src/orchestrate. Runs in: Node (zx edge).
import { Command } from 'commander';
import { resolveRunConfig, type LoadFlags } from '../src/config.ts';
import { createRunLog } from '../src/orchestrate/run-log.ts';
import { PROFILE_NAMES } from '../src/vu/profiles.ts';
import { runScript, startInterrupts } from '../src/entry/run-script.ts';

// Event lines print above the local runner's live progress line, never glued onto it.
let loadStartedAtMs: number | undefined;
// Lines say how far into the run they are once load has started (chaos events, warnings).
const log = createRunLog(process.stderr, { startedAtMs: () => loadStartedAtMs });
const collect = (value: string, previous: string[] = []) => [...previous, value];

const program = new Command('load')
  .description('Run a load profile against the embedded C4ang stand-in (default) or a real target.')
  .argument('<profile>', `one of ${PROFILE_NAMES.join(', ')}`)
  .option(
    '--target <url>',
    'gateway URL of a real target (env BASE_URL); default: start the embedded stand-in',
  )
  // Values are checked by resolveRunConfig, not commander: every bad flag is reported at once, and a
  // bad env value is named as such.
  .option('--engine <engine>', 'auto, k6, local or k6-operator (env C4ANG_PERF_ENGINE); default auto')
  .option('--parallelism <n>', 'k6-operator: runner pods sharing the load (default 1)')
  .option('--dry-run', 'k6-operator: print the manifests the run would apply (stdout) and contact nothing')
  .option(
    '--scale <loadScale>',
    'multiply every duration, 0 < s ≤ 1 (env LOAD_SCALE); default 1, quick on the embedded target',
  )
  .option('--vu-scale <vuScale>', 'multiply VU counts and rates, 0 < s ≤ 10 (env VU_SCALE)')
  .option('--chaos <file>', 'Chaos Mesh manifest to inject during the run (repeatable)', collect)
  .option('--chaos-at <percent>', 'when chaos starts, as % of the run (default 33)')
  .option(
    '--chaos-provider <name>',
    'local (embedded target) or chaos-mesh (kubectl) (env C4ANG_PERF_CHAOS_PROVIDER)',
  )
  .option(
    '--allow-production-context',
    'let the chaos-mesh provider act on a kube context that looks like production',
  )
  .option('--run-id <id>', 'name of the results folder (env RUN_ID); default <profile>-<time>-<random>')
  .option('--results-dir <dir>', 'where run folders go (env C4ANG_PERF_RESULTS); default results/')
  .option('--seed <n>', 'seed of the traffic mix (env SEED); default derived from the run id')
  .option('--k6-bin <path>', 'k6 binary to use (env K6_BIN)')
  .option(
    '--k6-summary <mode>',
    'real k6: auto, k6 or harness — who keeps summary and thresholds (env C4ANG_PERF_K6_SUMMARY); auto: the harness on soak and runs over 30 min',
  )
  .option('--workers <n>', 'worker threads of the local runner')
  .option('--strict', 'inconclusive criteria (no data, generator overloaded) fail the run (exit 99)')
  .option('-q, --quiet', 'no progress output (default in CI)')
  .action(async (profile: string, flags: LoadFlags) => {
    const config = resolveRunConfig(profile, flags, process.env);
    if (config.dryRun) {
      const [{ renderDryRun }, { buildBundle }] = await Promise.all([
        import('../src/engine/k6-operator/dry-run.ts'),
        import('../src/orchestrate/phases/3-build.ts'),
      ]);
      process.stdout.write(await renderDryRun(config, buildBundle, log));
      return;
    }
    // Loaded only once the flags are good: a bad flag is rejected in about half the time.
    const [{ runLoad }, { colorEnabled, renderTerminalVerdict }] = await Promise.all([
      import('../src/orchestrate/run-load.ts'),
      import('../src/results/render-terminal.ts'),
    ]);
    // A second signal means "now": the embedded target's children exit with their parent, chaos left
    // applied stays in the ledger for chaos:clean (which also runs before the next run), and run.json
    // says so (runLoad's exit hook).
    const interrupt = startInterrupts(log);
    try {
      const outcome = await runLoad(config, {
        log,
        pathEnv: process.env.PATH,
        interrupt,
        onLoadStart: (ms) => {
          loadStartedAtMs = ms;
        },
      });
      if (outcome.record.error) log(outcome.record.error);
      if (outcome.verdict) {
        const color = colorEnabled(process.stdout, process.env);
        process.stdout.write(`\n${renderTerminalVerdict(outcome.verdict, { color })}`);
      }
      if (outcome.started)
        log(
          outcome.record.error?.startsWith('results not saved')
            ? `results (incomplete) in ${outcome.resultsDir} — exit code ${outcome.exitCode}`
            : `results in ${outcome.resultsDir} (report.html, report.md) — exit code ${outcome.exitCode}`,
        );
      process.exitCode = outcome.exitCode;
    } finally {
      interrupt.dispose();
    }
  });

runScript(program, log);
