// npm run chaos:clean — undo chaos left applied by crashed runs, as the ledger of the results root
// (--results-dir < C4ANG_PERF_RESULTS < results/) records it: each entry goes to the cleaner of its
// provider (local: gateway faults, failed replicas; chaos-mesh: delete with escalation on the entry's
// kube context). Also deletes k6-operator runs (TestRun, ConfigMap, Secret) their ledger says a dead
// run left in the cluster, marks runs whose process died as `crashed` and stops what they left
// running. Runs in: Node (tsx).
import { Command } from 'commander';
import { cleanLeftovers, createChaosMeshProvider } from '../src/chaos/index.ts';
import { resolveResultsRoot } from '../src/config.ts';
import { cleanOperatorLeftovers } from '../src/engine/k6-operator/operator-ledger.ts';
import { reapCrashedRuns } from '../src/orchestrate/live-runs.ts';
import { ChaosError } from '../src/errors.ts';
import { runScript } from '../src/entry/run-script.ts';

interface CleanFlags {
  resultsDir?: string;
  includeLive?: boolean;
  kubectl: string;
}

const program = new Command('chaos:clean')
  .description(
    'Revert every experiment the chaos ledger says is still applied by a run that is no longer running',
  )
  .option(
    '--results-dir <dir>',
    'results root holding the chaos ledger (env C4ANG_PERF_RESULTS); default results/',
  )
  .option('--include-live', 'also clean entries of runs that are still running')
  .option('--kubectl <bin>', 'kubectl binary (chaos-mesh entries)', 'kubectl')
  .action(async (flags: CleanFlags) => {
    const resultsRoot = resolveResultsRoot(flags.resultsDir, process.env);
    // Runs whose process died first: their stand-in or k6 processes stop and their folders are marked
    // crashed (their chaos is then an ordinary leftover below).
    const crashed = await reapCrashedRuns(resultsRoot, (line) => console.log(line));
    const report = await cleanLeftovers({
      resultsRoot,
      includeLive: Boolean(flags.includeLive),
      providers: { 'chaos-mesh': createChaosMeshProvider({ bin: flags.kubectl }) },
      log: (line) => console.log(line),
    });
    const operator = await cleanOperatorLeftovers({
      resultsRoot,
      includeLive: Boolean(flags.includeLive),
      kubectl: { bin: flags.kubectl },
      log: (line) => console.log(line),
    });
    for (const s of [...report.skipped, ...operator.skipped]) console.log(`skipped ${s.id}: ${s.reason}`);
    const cleaned = report.cleaned.length + operator.cleaned.length;
    const skipped = report.skipped.length + operator.skipped.length;
    const failed = report.failed.length + operator.failed.length;
    console.log(
      `${cleaned} cleaned, ${skipped} skipped, ${failed} failed; ${crashed.length} crashed run(s) marked`,
    );
    if (failed > 0) {
      throw new ChaosError(
        `${failed} leftover(s) could not be reverted; they stay in the ledger for another try`,
      );
    }
  });

runScript(program, (line) => console.error(line));
