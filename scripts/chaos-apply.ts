// npm run chaos:apply -- <file> — check every flag and the manifest, clean leftovers, preflight, then
// run one experiment with the local provider (embedded target admin API) or chaos-mesh (kubectl):
// apply (ledger first), hold, recover, verify — also on SIGINT/SIGTERM. Prints the ChaosRecord as
// JSON. The ledger is the results root's (--results-dir < C4ANG_PERF_RESULTS < results/).
// Runs in: Node (tsx).
import { Command, Option } from 'commander';
import {
  checkApplyFlags,
  cleanLeftovers,
  createProvider,
  DEFAULT_ALLOWED_CONTEXTS,
  formatProblem,
  loadExperiments,
  openLedger,
  PROVIDER_NAMES,
  type ProviderName,
  runExperiment,
} from '../src/chaos/index.ts';
import { resolveResultsRoot } from '../src/config.ts';
import { ChaosError, ConfigError } from '../src/errors.ts';
import { runScript, startInterrupts } from '../src/entry/run-script.ts';

interface ApplyFlags {
  provider: ProviderName;
  adminUrl: string;
  hold: string;
  timeScale: string;
  resultsDir?: string;
  allowContext?: string[];
  allowProduction?: boolean;
}

const log = (line: string) => console.error(line);

const program = new Command('chaos:apply')
  .description('Apply one Chaos Mesh experiment, hold it, recover it and verify recovery')
  .argument('<file>', 'experiment YAML file')
  .addOption(
    new Option('--provider <name>', 'who carries it out').choices([...PROVIDER_NAMES]).default('local'),
  )
  .option('--admin-url <url>', 'embedded target admin API (local provider)', 'http://127.0.0.1:8090')
  .option('--hold <duration>', 'keep the fault this long before recovering (e.g. 10s, 1m, or ms)', '10s')
  .option('--time-scale <s>', 'multiply durations/intervals (0 < s ≤ 1, local provider)', '1')
  .option(
    '--results-dir <dir>',
    'results root holding the chaos ledger (env C4ANG_PERF_RESULTS); default results/',
  )
  .option('--allow-context <name...>', 'extra kubectl contexts to allow (chaos-mesh)')
  .option('--allow-production', 'allow a context whose name looks like production')
  .action(async (file: string, flags: ApplyFlags) => {
    // Every flag and the manifest are checked before anything is touched, all problems at once.
    const { holdMs, timeScale, problems } = checkApplyFlags(flags);
    const loaded = await loadExperiments([file]);
    for (const warning of loaded.warnings) log(formatProblem(warning));
    problems.push(...loaded.problems.map(formatProblem));
    const experiment = loaded.experiments[0];
    // Made once the flags are sound (the local provider's admin URL is one of them).
    const provider =
      problems.length === 0
        ? createProvider(flags.provider, {
            local: { adminUrl: flags.adminUrl },
            chaosMesh: {
              allowProduction: Boolean(flags.allowProduction),
              ...(flags.allowContext
                ? { allowedContexts: [...DEFAULT_ALLOWED_CONTEXTS, ...flags.allowContext] }
                : {}),
            },
          })
        : undefined;
    if (provider && experiment) problems.push(...provider.validate([experiment]));
    if (problems.length > 0 || !experiment || !provider)
      throw new ConfigError('chaos:apply: nothing was applied:', problems);

    const resultsRoot = resolveResultsRoot(flags.resultsDir, process.env);
    await cleanLeftovers({ resultsRoot, log });
    const preflight = await provider.preflight([experiment]);
    if (preflight.length > 0) throw new ConfigError('chaos:apply: preflight failed:', preflight);
    const ledger = await openLedger(resultsRoot, log);
    // A second signal exits at once; what is applied then stays in the ledger for chaos:clean.
    const interrupts = startInterrupts(log, { stopping: 'recovering the experiment…' });
    try {
      const record = await runExperiment(provider, experiment, {
        ledger,
        runId: `apply-${Date.now()}`,
        timeScale,
        holdMs,
        signal: interrupts.signal,
        log,
      });
      console.log(JSON.stringify(record, null, 2));
      if (!record.recovered) {
        throw new ChaosError(
          `${record.appliedName} is not recovered (${record.notReady.join(', ')}); it stays in the ledger: run npm run chaos:clean`,
        );
      }
    } finally {
      interrupts.dispose();
    }
  });

runScript(program, log);
