// npm run chaos:validate [-- files…] — validate Chaos Mesh manifests (default: all of chaos/).
// Prints `file:line field: message` per problem; exit 104 on any error (a folder without manifests
// and an empty file are errors too). Runs in: Node (tsx).
import { Command } from 'commander';
import { formatProblem, loadExperiments } from '../src/chaos/index.ts';
import { ExitCode } from '../src/exit-codes.ts';
import { runScript } from '../src/entry/run-script.ts';

const program = new Command('chaos:validate')
  .description('Validate Chaos Mesh 2.x experiment files (errors and warnings, with file:line)')
  .argument('[files...]', 'YAML files or directories', ['chaos'])
  .option('--strict', 'treat warnings as errors')
  .action(async (files: string[], opts: { strict?: boolean }) => {
    const { experiments, problems, warnings } = await loadExperiments(files);
    for (const p of [...problems, ...warnings]) {
      // Problems go to stderr like every other script's; the count line below is the result (stdout).
      console.error(formatProblem(p));
      if (p.hint) console.error(p.hint.replace(/^/gm, '    ').trimEnd());
    }
    const failed = problems.length > 0 || (opts.strict && warnings.length > 0);
    console.log(`${experiments.length} valid, ${problems.length} error(s), ${warnings.length} warning(s)`);
    process.exitCode = failed ? ExitCode.invalidConfig : ExitCode.ok;
  });

runScript(program, (line) => console.error(line));
