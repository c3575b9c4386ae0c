// npm run chaos:clean — undo chaos left applied by crashed runs, as the ledger records it
// (local: gateway faults, failed replicas; chaos-mesh: delete with escalation). Runs in: Node (tsx).
import { Command } from 'commander';
import { exitCodeOf } from '../src/errors.ts';
import { ExitCode } from '../src/exit-codes.ts';
import { cleanLeftovers } from '../src/chaos/index.ts';

const program = new Command('chaos:clean')
  .description(
    'Revert every experiment the chaos ledger says is still applied by a run that is no longer running',
  )
  .option('--ledger <path>', 'ledger file', 'results/chaos-ledger.ndjson')
  .option('--include-live', 'also clean entries of runs that are still running')
  .option('--kubectl <bin>', 'kubectl binary', 'kubectl')
  .action(async (opts: { ledger: string; includeLive?: boolean; kubectl: string }) => {
    const report = await cleanLeftovers({
      ledgerPath: opts.ledger,
      includeLive: Boolean(opts.includeLive),
      kubectl: { bin: opts.kubectl },
      log: (line) => console.log(line),
    });
    for (const s of report.skipped) console.log(`skipped ${s.id}: ${s.reason}`);
    console.log(
      `${report.cleaned.length} cleaned, ${report.skipped.length} skipped, ${report.failed.length} failed`,
    );
    process.exitCode = report.failed.length ? ExitCode.internal : ExitCode.ok;
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = exitCodeOf(error);
}
