// npm run load:<profile> [-- flags]: run one load profile end to end and exit with the run's code.
// Thin by design: parse flags, resolve config, hand over to src/orchestrate. Runs in: Node (zx edge).
import { Command } from 'commander';
import { resolveRunConfig, type LoadFlags } from '../src/config.ts';
import { createRunLog } from '../src/orchestrate/run-log.ts';
import { PROFILE_NAMES } from '../src/vu/profiles.ts';
import { addLoadOptions } from '../src/entry/load-options.ts';
import { runScript, startInterrupts } from '../src/entry/run-script.ts';

// Event lines print above the local runner's live progress line, never glued onto it.
let loadStartedAtMs: number | undefined;
// Lines say how far into the run they are once load has started (chaos events, warnings).
const log = createRunLog(process.stderr, { startedAtMs: () => loadStartedAtMs });

const program = addLoadOptions(
  new Command('load')
    .description('Run a load profile against the embedded C4ang stand-in (default) or a real target.')
    .argument('<profile>', `one of ${PROFILE_NAMES.join(', ')}`),
).action(async (profile: string, flags: LoadFlags) => {
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
