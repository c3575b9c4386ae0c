// Turns SIGINT, SIGTERM and the death of the parent process into an abort of the run: the first stops
// load gracefully (results are still collected and chaos recovered); a second, later one exits at
// once, leaving any chaos to the ledger and `npm run chaos:clean`. Runs in: Node (entry points).

export interface InterruptHandle {
  readonly signal: AbortSignal;
  /** What interrupted the run (a signal name, or "parent exited"), if anything did. */
  readonly interruptedBy: () => string | undefined;
  /** Remove the handlers (call when the run is over). */
  dispose(): void;
}

/**
 * Copies of one Ctrl-C arrive together: the terminal signals the whole foreground group (npm and
 * node) and npm forwards its copy to us too. Signals this close to the first are that same Ctrl-C.
 */
const SAME_SIGNAL_WINDOW_MS = 1000;

/**
 * How often the parent is checked. A supervisor that kills npm with SIGKILL, or a CI runner that
 * kills the shell, leaves us re-parented; without this check load and chaos would go on for minutes.
 */
const PARENT_CHECK_MS = 500;

export function watchInterrupts(
  log: (line: string) => void,
  onSecondSignal: () => void,
  stopping = 'stopping load, recovering chaos and saving results…',
): InterruptHandle {
  const controller = new AbortController();
  let received: string | undefined;
  let receivedAtMs = 0;
  const handler = (cause: string) => {
    if (received && Date.now() - receivedAtMs < SAME_SIGNAL_WINDOW_MS) return;
    if (received) {
      log(
        `${cause} again: exiting without waiting for cleanup; run npm run chaos:clean if chaos was applied`,
      );
      onSecondSignal();
      return;
    }
    received = cause;
    receivedAtMs = Date.now();
    log(`${cause}: ${stopping} (send again to exit at once)`);
    controller.abort(new Error(`interrupted by ${cause}`));
  };
  const onSignal = (signal: NodeJS.Signals) => handler(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  const stopWatchingParent = watchParent(() => handler('parent exited'));
  return {
    signal: controller.signal,
    interruptedBy: () => received,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      stopWatchingParent();
    },
  };
}

/**
 * Calls `onOrphaned` once when this process is re-parented (its parent died: `process.ppid` is
 * re-read by Node on every access). Returns the function that stops watching.
 */
export function watchParent(onOrphaned: () => void, everyMs = PARENT_CHECK_MS): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, everyMs);
  // Never keeps a finished script alive.
  timer.unref();
  return () => clearInterval(timer);
}
