// The one exit-code table of the harness (Node side). Numbers reuse k6's where the meaning matches,
// so CI sees the same code whichever engine ran. README "Exit codes" mirrors this table.

export const ExitCode = {
  /** Run finished and every threshold / gate criterion passed. */
  ok: 0,
  /** Internal error: a bug or an unexpected environment failure. */
  internal: 1,
  /** Thresholds or the release gate failed (k6: ThresholdsHaveFailed). Also abortOnFail aborts. */
  thresholdsFailed: 99,
  /** Invalid input or configuration, reported before any load or chaos started (k6: InvalidConfig). */
  invalidConfig: 104,
  /** Interrupted by SIGINT/SIGTERM (k6: ExternalAbort). */
  interrupted: 105,
  /** The script threw outside an iteration, or failed to load (k6: ScriptException). */
  scriptError: 107,
  /** The script called exec.test.abort() (k6: ScriptAborted). */
  scriptAborted: 108,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
