// Envoy's retry decision and back-off for the route policy: which attempt outcomes may be retried
// under `retryOn`, and the fully jittered exponential back-off between attempts. Runs in: Node (gateway).
import type { AttemptOutcome } from './upstream-attempt.ts';

export function isRetriable(outcome: AttemptOutcome, retryOn: readonly string[]): boolean {
  const on = new Set(retryOn);
  switch (outcome.kind) {
    case 'response':
      if (outcome.status < 500) return false;
      return on.has('5xx') || (on.has('gateway-error') && outcome.status >= 502 && outcome.status <= 504);
    case 'connect-failure':
      return on.has('connect-failure') || on.has('5xx') || on.has('gateway-error');
    case 'reset':
      return on.has('reset') || on.has('5xx') || on.has('gateway-error');
    case 'timeout':
      return on.has('5xx') || on.has('gateway-error');
    default:
      return false;
  }
}

/** Counts toward outlier detection's consecutive 5xx (locally seen failures count, as in Envoy's default). */
export function isUpstreamFailure(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'response') return outcome.status >= 500;
  return outcome.kind !== 'cancelled' && outcome.kind !== 'deadline';
}

/** Back-off before retry number `retry` (1-based): random in [0, base·2^(retry-1)], capped at 10 × base. */
export function backoffMs(retry: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(baseMs * 2 ** (retry - 1), baseMs * 10);
  return random() * ceiling;
}
