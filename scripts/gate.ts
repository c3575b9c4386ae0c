// npm run gate [-- flags]: the pre-release performance gate. Runs every step of gate.config.yaml as a
// load run, judges criteria, limits and the baseline, prints the table and exits 0 / 99 / 104 / 105.
// Thin by design: parse flags, call src/gate, map to an exit code. Runs in: Node (zx edge).
import path from 'node:path';
import { Command } from 'commander';
import { renderGateMarkdown } from '../src/gate/render-gate-markdown.ts';
import { runGate, type GateOptions } from '../src/gate/run-gate.ts';
import { DEFAULT_GATE_CONFIG_FILE } from '../src/gate/types.ts';
import { runScript, startInterrupts } from '../src/entry/run-script.ts';

const log = (line: string) => process.stderr.write(`[c4ang-perf gate] ${line}\n`);

const program = new Command('gate')
  .description('Run the pre-release performance gate: every step of the gate config, judged and compared.')
  .option('--config <file>', 'gate config', DEFAULT_GATE_CONFIG_FILE)
  .option(
    '--baseline <runId|file>',
    'baseline to compare with: a file, a gate id or a run id; default baselines/<gate name>.json',
  )
  .option('--save-baseline', 'store this run as the baseline (only when the gate passes)')
  .option('--results-dir <dir>', 'where run folders go (env C4ANG_PERF_RESULTS); default results/')
  .option('--strict', 'inconclusive criteria and limits fail the gate too')
  .option('-q, --quiet', 'no progress output of the runs (default in CI)')
  .action(async (flags: Omit<GateOptions, 'configFile'> & { config: string }) => {
    const { config, ...rest } = flags;
    const interrupt = startInterrupts(log);
    try {
      const report = await runGate(
        { configFile: config, ...rest },
        { log, pathEnv: process.env.PATH, interrupt, env: process.env, cwd: process.cwd() },
      );
      process.stdout.write(`\n${renderGateMarkdown(report)}\n`);
      const reportDir = path.relative(process.cwd(), report.reportDir);
      log(
        `reports in ${reportDir.startsWith('..') ? report.reportDir : reportDir} (gate.md, gate.json, junit.xml)`,
      );
      if (report.baseline.save?.saved) log(`baseline saved to ${report.baseline.save.file}`);
      log(`gate ${report.pass ? 'passed' : 'failed'} — exit code ${report.exitCode}`);
      process.exitCode = report.exitCode;
    } finally {
      interrupt.dispose();
    }
  });

runScript(program, log);
