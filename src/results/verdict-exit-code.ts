// The one place a run's exit code is decided: from its verdict, its status and what the engine said
// about the script. Nothing downstream judges pass/fail again. Runs in: Node.
import { ExitCode } from '../exit-codes.ts';

/** Where a run ended up; `crashed` is set afterwards, for a run whose process died. */
export type RunStatus = 'running' | 'finished' | 'interrupted' | 'failed' | 'crashed';

export interface ExitInputs {
  /** The verdict's overall pass; undefined when no verdict could be built. */
  pass: boolean | undefined;
  status: RunStatus;
  /** The exit code a harness error carries (104, 1, 107…) when status is 'failed'. */
  errorExitCode?: number;
  /** The engine's own exit code (k6 semantics), when it ran to the end. */
  engineExitCode?: number | null;
}

/** Engine codes the verdict speaks for: 0 and 99 (thresholds). Any other reports the engine or the script. */
const VERDICT_CODES = new Set<number>([ExitCode.ok, ExitCode.thresholdsFailed]);

export function exitCodeForRun({ pass, status, errorExitCode, engineExitCode }: ExitInputs): number {
  if (status === 'interrupted') return ExitCode.interrupted;
  if (status === 'failed') return errorExitCode ?? ExitCode.internal;
  if (status === 'crashed') return ExitCode.internal;
  if (engineExitCode !== undefined && engineExitCode !== null && !VERDICT_CODES.has(engineExitCode))
    return engineExitCode;
  if (pass === undefined) return ExitCode.internal;
  return pass ? ExitCode.ok : ExitCode.thresholdsFailed;
}
