// The load-time decision around the blocking-call transform: run it on the bundled script (loading it
// only when the text pre-scan cannot rule blocking calls out), and when it finds a pattern it cannot
// make wait, either fall back to the blocking path with a warning that names each place (printed
// before any VU starts) or, under strict mode, refuse the script (exit 107).
// Runs in: Node (runner main thread).
import { isAbsolute, relative } from 'node:path';
import { EngineError } from '../../errors.ts';
import { ExitCode } from '../../exit-codes.ts';
import {
  awaitBlockingCalls,
  type BlockingCallsOutcome,
  type BlockingProblem,
} from './await-blocking-calls.ts';

/** The flag and variable that turn the fallback into a refusal. */
export const STRICT_FLAG = '--strict-blocking';
export const STRICT_ENV = 'K6_LOCAL_STRICT_BLOCKING';

/** Problems listed in full; the rest are counted. */
const LISTED = 10;

/** True when `K6_LOCAL_STRICT_BLOCKING` asks for strictness (1, true, yes). */
export function strictFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return /^(1|true|yes)$/i.test(env[STRICT_ENV]?.trim() ?? '');
}

function displayPath(file: string): string {
  const fromCwd = relative(process.cwd(), file);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : file;
}

function problemLines(problems: readonly BlockingProblem[]): string {
  const lines = problems
    .slice(0, LISTED)
    .map((p) => `  ${displayPath(p.file)}:${p.line}:${p.column}: ${p.pattern}`);
  if (problems.length > LISTED) lines.push(`  … and ${problems.length - LISTED} more`);
  return lines.join('\n');
}

/** The warning of the fallback path: where, what, and what it costs. */
export function fallbackWarning(scriptPath: string, problems: readonly BlockingProblem[]): string {
  return (
    `blocking k6 calls in ${displayPath(scriptPath)} cannot all be made to wait per VU, so the script runs on the blocking path: ` +
    `each http.get/post/…/batch or sleep() stops every VU of its thread, and the run will not deliver the load the script asks for ` +
    `(${STRICT_FLAG} or ${STRICT_ENV}=true refuses such a script instead):\n${problemLines(problems)}`
  );
}

/**
 * Transform `code` (bundled from `scriptPath`); under `strict`, a script that would fall back is
 * refused with exit 107 before anything runs.
 */
export function prepareBlockingCalls(
  code: string,
  scriptPath: string,
  strict: boolean,
): BlockingCallsOutcome {
  const outcome = awaitBlockingCalls(code, scriptPath);
  if (outcome.kind === 'fallback' && strict)
    throw new EngineError(
      `blocking k6 calls in ${displayPath(scriptPath)} cannot all be made to wait per VU, and strict mode (${STRICT_FLAG} / ${STRICT_ENV}) refuses the blocking path:\n${problemLines(outcome.problems)}`,
      ExitCode.scriptError,
    );
  return outcome;
}
