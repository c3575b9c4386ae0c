// Turns SIGINT/SIGTERM into an abort of the run: the first signal stops load gracefully (results are
// still collected and chaos recovered); a second one exits at once, leaving any chaos to the ledger
// and `npm run chaos:clean`. Runs in: Node (entry points).

export interface InterruptHandle {
  readonly signal: AbortSignal;
  /** The signal name that interrupted the run, if any. */
  readonly interruptedBy: () => string | undefined;
  /** Remove the handlers (call when the run is over). */
  dispose(): void;
}

/**
 * Copies of one Ctrl-C arrive together: the terminal signals the whole foreground group (npm, tsx,
 * node) and tsx relays its copy to us too. Signals this close to the first are that same Ctrl-C.
 */
const SAME_SIGNAL_WINDOW_MS = 1000;

export function watchInterrupts(log: (line: string) => void, onSecondSignal: () => void): InterruptHandle {
  const controller = new AbortController();
  let received: string | undefined;
  let receivedAtMs = 0;
  const handler = (signal: NodeJS.Signals) => {
    if (received && Date.now() - receivedAtMs < SAME_SIGNAL_WINDOW_MS) return;
    if (received) {
      log(
        `${signal} again: exiting without waiting for cleanup; run npm run chaos:clean if chaos was applied`,
      );
      onSecondSignal();
      return;
    }
    received = signal;
    receivedAtMs = Date.now();
    log(`${signal}: stopping load, recovering chaos and saving results… (send again to exit at once)`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    interruptedBy: () => received,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
