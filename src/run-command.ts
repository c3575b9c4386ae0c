// The one top-level catch of the commander entry points (load, report, gate): parse, run, and map
// whatever escapes to an exit code — bad flags 104, harness errors their own code, anything else 1
// with its stack. Sets process.exitCode so cleanup still runs. Runs in: Node (entry points).
import { type Command, CommanderError } from 'commander';
import { exitCodeOf, HarnessError } from './errors.ts';

export function runCommand(program: Command, log: (line: string) => void): void {
  program.exitOverride();
  program.parseAsync().catch((error: unknown) => {
    // commander already printed its message; help and version are not errors, bad flags are 104.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 104;
      return;
    }
    log(
      error instanceof HarnessError ? error.message : `internal error: ${(error as Error)?.stack ?? error}`,
    );
    process.exitCode = exitCodeOf(error);
  });
}
