// Turns SIGINT/SIGTERM into an abort of the run: the first signal stops load gracefully (results are
// still collected and chaos recovered), a second one gives up waiting. Runs in: Node (entry points).

export interface InterruptHandle {
  readonly signal: AbortSignal;
  /** The signal name that interrupted the run, if any. */
  readonly interruptedBy: () => string | undefined;
  /** Remove the handlers (call when the run is over). */
  dispose(): void;
}

export function watchInterrupts(log: (line: string) => void, onSecondSignal: () => void): InterruptHandle {
  const controller = new AbortController();
  let received: string | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      log(`${signal} again: stopping now (cleanup still runs)`);
      onSecondSignal();
      return;
    }
    received = signal;
    log(`${signal}: stopping load, recovering chaos and saving results… (send again to hurry)`);
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
