// npm run report -- <runId | folder> | --history: rebuild a run's verdict and reports from its
// results folder, or render results/history.ndjson as a trend page. Thin: parse flags, call
// src/results, map to an exit code (the rebuilt verdict's). Runs in: Node (entry point).
import path from 'node:path';
import { Command } from 'commander';
import { ConfigError } from '../src/errors.ts';
import { rebuildRunReport, renderHistory, resolveRunDir } from '../src/results/rebuild-report.ts';
import { colorEnabled, renderTerminalVerdict } from '../src/results/render-terminal.ts';
import { runScript } from '../src/entry/run-script.ts';

const log = (line: string) => process.stderr.write(`[c4ang-perf] ${line}\n`);

const program = new Command('report')
  .description('Rebuild verdict.json, junit.xml, report.md and report.html of a run, or the history page.')
  .argument('[run]', 'run id (under --results-dir) or path of a run folder')
  .option('--history', 'render results/history.ndjson as results/history.html')
  .option('--results-dir <dir>', 'where run folders go (env C4ANG_PERF_RESULTS); default results/')
  .option('--strict', 'inconclusive criteria fail the run (exit 99)')
  .action(
    async (run: string | undefined, flags: { history?: boolean; resultsDir?: string; strict?: boolean }) => {
      const resultsRoot = path.resolve(flags.resultsDir ?? process.env.C4ANG_PERF_RESULTS ?? 'results');
      if (flags.history) {
        const { file, runs } = await renderHistory(resultsRoot);
        log(`history of ${runs} run(s): ${file}`);
        return;
      }
      if (!run) throw new ConfigError('nothing to report', ['<run>: give a run id or folder, or --history']);
      const runDir = resolveRunDir(run, resultsRoot);
      const verdict = await rebuildRunReport(runDir, {
        strict: flags.strict ?? false,
        stepSummaryPath: process.env.GITHUB_STEP_SUMMARY || undefined,
        log,
      });
      process.stdout.write(`${renderTerminalVerdict(verdict, { color: colorEnabled(process.stdout) })}\n`);
      log(
        `reports in ${runDir} (report.html, report.md, junit.xml, verdict.json) — exit code ${verdict.exitCode}`,
      );
      process.exitCode = verdict.exitCode;
    },
  );

runScript(program, log);
