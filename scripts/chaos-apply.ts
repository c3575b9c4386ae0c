// npm run chaos:apply -- <file> — validate, preflight and run one experiment with the local
// provider (embedded target admin API) or chaos-mesh (kubectl), then recover it, also on
// SIGINT/SIGTERM. Prints the ChaosRecord as JSON. Runs in: Node (tsx).
import { Command } from 'commander';
import { ConfigError, exitCodeOf } from '../src/errors.ts';
import {
  cleanLeftovers,
  createChaosMeshProvider,
  createLocalProvider,
  DEFAULT_ALLOWED_CONTEXTS,
  formatProblem,
  loadExperiments,
  runExperiment,
} from '../src/chaos/index.ts';

const program = new Command('chaos:apply')
  .description('Apply one Chaos Mesh experiment, hold it, recover it and verify recovery')
  .argument('<file>', 'experiment YAML file')
  .option('--provider <name>', 'local | chaos-mesh', 'local')
  .option('--admin-url <url>', 'embedded target admin API (local provider)', 'http://127.0.0.1:8090')
  .option('--hold <ms>', 'keep the fault this long before recovering', '10000')
  .option('--time-scale <s>', 'multiply durations/intervals (0 < s ≤ 1, local provider)', '1')
  .option('--ledger <path>', 'ledger file', 'results/chaos-ledger.ndjson')
  .option('--allow-context <name...>', 'extra kubectl contexts to allow (chaos-mesh)')
  .option('--allow-production', 'allow a context whose name looks like production')
  .action(async (file: string, opts: Record<string, string | string[] | boolean | undefined>) => {
    const { experiments, problems, warnings } = await loadExperiments([file]);
    for (const w of warnings) console.error(formatProblem(w));
    if (problems.length || !experiments[0])
      throw new ConfigError(`invalid experiment ${file}`, problems.map(formatProblem));
    const ledgerPath = String(opts.ledger);
    await cleanLeftovers({ ledgerPath, log: (l) => console.error(l) });
    const provider =
      opts.provider === 'chaos-mesh'
        ? createChaosMeshProvider({
            ledgerPath,
            allowProduction: Boolean(opts.allowProduction),
            ...(opts.allowContext
              ? { allowedContexts: [...DEFAULT_ALLOWED_CONTEXTS, ...(opts.allowContext as string[])] }
              : {}),
          })
        : createLocalProvider({ adminUrl: String(opts.adminUrl), ledgerPath });
    const preflight = await provider.preflight(experiments);
    if (preflight.length) throw new ConfigError('preflight failed', preflight);
    const controller = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => controller.abort(signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const record = await runExperiment(provider, experiments[0], {
        runId: `apply-${Date.now()}`,
        timeScale: Number(opts.timeScale),
        holdMs: Number(opts.hold),
        signal: controller.signal,
        log: (line) => console.error(line),
      });
      console.log(JSON.stringify(record, null, 2));
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = exitCodeOf(error);
}
