// `k6/timers` (and the global timers) for one VU: Node timers tracked per VU so that the runner can
// clear whatever an iteration left pending when it ends. Callback errors are logged, not thrown.
// Runs in: VU thread.
import type { Vu } from '../vu.ts';
import { formatError } from '../vu.ts';

type Callback = (...args: unknown[]) => unknown;

export function createTimersModule(vu: Vu) {
  const guard =
    (callback: Callback, args: unknown[], once: boolean, handle: () => NodeJS.Timeout | undefined) => () => {
      const timer = handle();
      if (once && timer) vu.timers.delete(timer);
      try {
        const result = callback(...args) as Promise<unknown> | undefined;
        if (result && typeof result.catch === 'function')
          result.catch((error) => vu.host.log('error', formatError(error)));
      } catch (error) {
        vu.host.log('error', formatError(error));
      }
    };
  /** An interrupted iteration's timers never keep the run alive (they were cleared at the interrupt). */
  function track(timer: NodeJS.Timeout): void {
    if (vu.interrupted) timer.unref();
    else vu.timers.add(timer);
  }
  function setTimeout(callback: Callback, delayMs = 0, ...args: unknown[]): NodeJS.Timeout {
    let timer: NodeJS.Timeout | undefined;
    timer = globalThis.setTimeout(
      guard(callback, args, true, () => timer),
      Math.max(0, Number(delayMs) || 0),
    );
    track(timer);
    return timer;
  }
  function setInterval(callback: Callback, delayMs = 0, ...args: unknown[]): NodeJS.Timeout {
    let timer: NodeJS.Timeout | undefined;
    timer = globalThis.setInterval(
      guard(callback, args, false, () => timer),
      Math.max(1, Number(delayMs) || 0),
    );
    track(timer);
    return timer;
  }
  function clearTimeout(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return;
    globalThis.clearTimeout(timer);
    vu.timers.delete(timer);
  }
  return { setTimeout, clearTimeout, setInterval, clearInterval: clearTimeout };
}
