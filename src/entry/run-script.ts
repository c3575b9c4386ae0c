// The entry-point kit every script in scripts/ uses: one top-level catch (bad flags 104, harness
// errors their own code, anything else 1 with its stack) and one way to watch for Ctrl-C, SIGTERM and
// the parent's death. Sets process.exitCode rather than exiting, so cleanup in `finally` still runs.
// A new script is: a commander program, an action, `runScript(program, log)`. Runs in: Node.
import { type Command, CommanderError } from 'commander';
import { exitCodeOf, HarnessError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { type InterruptHandle, watchInterrupts } from './interrupts.ts';

export function runScript(program: Command, log: (line: string) => void): void {
  program.exitOverride();
  program.parseAsync().catch((error: unknown) => {
    // commander already printed its message; help and version are not errors, bad flags are 104.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : ExitCode.invalidConfig;
      return;
    }
    log(
      error instanceof HarnessError ? error.message : `internal error: ${(error as Error)?.stack ?? error}`,
    );
    process.exitCode = exitCodeOf(error);
  });
}

/**
 * Watch for interrupts for the length of a script's work. The first signal aborts `signal`; a second,
 * later one calls `beforeExit` (synchronous last words, e.g. marking the run record) and exits 105.
 */
export function startInterrupts(
  log: (line: string) => void,
  options: { beforeExit?: () => void; stopping?: string } = {},
): InterruptHandle {
  const exitNow = () => {
    try {
      options.beforeExit?.();
    } finally {
      process.exit(ExitCode.interrupted);
    }
  };
  return watchInterrupts(log, exitNow, options.stopping);
}
