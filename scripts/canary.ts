// npm run load:canary [-- flags]: a canary comparison — a share of iterations sent as v2 with the
// canary header, v2 judged against v1 — as one run (--split) or the plan's progression (--steps),
// and exit with the code of the first step that did not pass (else 0). Thin: flags → plan → runs.
// Runs in: Node (entry point).
import { Command } from 'commander';
import { addLoadOptions } from '../src/entry/load-options.ts';
import { runScript, startInterrupts } from '../src/entry/run-script.ts';
import { type CanaryFlags, DEFAULT_CANARY_PROFILE, planCanary } from '../src/canary/plan-canary.ts';
import { createRunLog } from '../src/orchestrate/run-log.ts';
import { PROFILE_NAMES } from '../src/vu/profiles.ts';

let loadStartedAtMs: number | undefined;
const log = createRunLog(process.stderr, { startedAtMs: () => loadStartedAtMs });

const program = addLoadOptions(
  new Command('load:canary')
    .description(
      'Canary comparison: send a share of iterations as v2 (with the canary header) and judge v2 against v1.',
    )
    .option(
      '--profile <name>',
      `load shape, one of ${PROFILE_NAMES.join(', ')} (default ${DEFAULT_CANARY_PROFILE})`,
    )
    .option('--split <percent>', 'share of iterations sent as v2, 0 < s ≤ 100 (default 10, the plan’s)')
    .option('--header <name=value>', 'the header that routes to v2 (default x-version=v2, the plan’s)')
    .option(
      '--steps <list>',
      'a progression of shares, e.g. 10,50,100: one run each, stopping at the first that fails',
    )
    .option(
      '--step-for <duration>',
      'length of each run, e.g. 5m (default 5m on a real target, 2m on the stand-in)',
    )
    .option('--error-tolerance <points>', 'v2 error rate may exceed v1’s by this many points (default 0.5)')
    .option('--p95-tolerance <percent>', 'v2 p95 may exceed v1’s by this many percent (default 10)')
    .option('--service <name>', 'compare only this service’s requests, e.g. order-service (default all)'),
  {
    omit: ['--dry-run'],
    overrides: {
      '--scale': 'multiply every duration of the profile, 0 < s ≤ 1 (env LOAD_SCALE); instead of --step-for',
      '--run-id':
        'name of the run folder, or of the progression (steps: <id>-step<n>-<share>pct); default canary-<profile>-<time>-<random>',
      '--strict': 'inconclusive criteria (not enough samples to tell, no data, …) fail the run (exit 99)',
    },
  },
).action(async (flags: CanaryFlags) => {
  const plan = planCanary(flags, process.env);
  const [{ runCanary }, { colorEnabled, renderTerminalVerdict }, { renderCanaryMarkdown }] =
    await Promise.all([
      import('../src/canary/run-canary.ts'),
      import('../src/results/render-terminal.ts'),
      import('../src/canary/canary-report.ts'),
    ]);
  const interrupt = startInterrupts(log);
  try {
    const outcome = await runCanary(plan, {
      log,
      pathEnv: process.env.PATH,
      interrupt,
      onLoadStart: (ms) => {
        loadStartedAtMs = ms;
      },
      onStep: (_, step) => {
        if (step.record.error) log(step.record.error);
        if (step.verdict)
          process.stdout.write(
            `\n${renderTerminalVerdict(step.verdict, { color: colorEnabled(process.stdout, process.env) })}`,
          );
        if (step.started)
          log(`results in ${step.resultsDir} (report.html, report.md) — exit code ${step.exitCode}`);
      },
    });
    if (outcome.report) {
      process.stdout.write(`\n${renderCanaryMarkdown(outcome.report)}`);
      log(`canary summary in ${plan.reportDir} (canary.md, canary.json) — exit code ${outcome.exitCode}`);
    }
    process.exitCode = outcome.exitCode;
  } finally {
    interrupt.dispose();
  }
});

runScript(program, log);
