// A pause that awaits a timer. k6's sleep() blocks the VU's event loop (pending async requests stall),
// a k6/timers setTimeout does not, and both engines run it. Runs in: VU.
import { setTimeout } from 'k6/timers';

/** Resolve after `ms` milliseconds without blocking the VU's event loop. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });
}
