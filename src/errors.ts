// The error vocabulary shared by every Node-side module. Each class carries the exit code its
// entry point maps it to, so a top-level catch needs no per-error knowledge.
import { ExitCode, type ExitCodeValue } from './exit-codes.ts';

/** Base class: a message meant for the user, plus the exit code the process should end with. */
export class HarnessError extends Error {
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad flag, env var, config file, scenario name or manifest: found before anything started. */
export class ConfigError extends HarnessError {
  /** Every problem found, one line each (`file:line field.path: message`). */
  readonly problems: readonly string[];
  constructor(message: string, problems: readonly string[] = [], options?: { cause?: unknown }) {
    super(
      problems.length ? `${message}\n  ${problems.join('\n  ')}` : message,
      ExitCode.invalidConfig,
      options,
    );
    this.problems = problems;
  }
}

/** A chaos provider could not inject, observe or recover an experiment. */
export class ChaosError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.internal, options);
  }
}

/** The load engine (k6 or the local runner) could not be started or crashed. */
export class EngineError extends HarnessError {
  constructor(message: string, exitCode: ExitCodeValue = ExitCode.internal, options?: { cause?: unknown }) {
    super(message, exitCode, options);
  }
}

/** The embedded target could not start, or stopped unexpectedly. */
export class TargetError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.internal, options);
  }
}

/** The run was interrupted by a signal; cleanup has run or is running. */
export class InterruptedError extends HarnessError {
  constructor(signal: string) {
    super(`interrupted by ${signal}`, ExitCode.interrupted);
  }
}

/** Map anything thrown to an exit code: harness errors carry theirs, anything else is internal. */
export function exitCodeOf(error: unknown): ExitCodeValue {
  return error instanceof HarnessError ? error.exitCode : ExitCode.internal;
}
