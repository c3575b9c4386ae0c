import { describe, expect, it } from 'vitest';
import { backoffMs, isRetriable, isUpstreamFailure } from '../../../src/target/gateway/retry-policy.ts';
import type { AttemptOutcome } from '../../../src/target/gateway/upstream-attempt.ts';

const istio = ['5xx', 'reset', 'connect-failure', 'refused-stream'];
const response = (status: number): AttemptOutcome => ({
  kind: 'response',
  status,
  headers: {},
  body: Buffer.alloc(0),
  injected: false,
});
const local = (kind: 'connect-failure' | 'reset' | 'timeout' | 'deadline' | 'cancelled'): AttemptOutcome => ({
  kind,
  detail: '',
  injected: false,
});

describe('retry policy', () => {
  it.each([
    ['503 response', response(503), istio, true],
    ['500 response', response(500), istio, true],
    ['404 response', response(404), istio, false],
    ['409 response', response(409), istio, false],
    ['connect failure', local('connect-failure'), ['connect-failure'], true],
    ['reset', local('reset'), ['reset'], true],
    ['reset without reset or 5xx', local('reset'), ['connect-failure'], false],
    ['per-try timeout', local('timeout'), istio, true],
    ['route deadline', local('deadline'), istio, false],
    ['client gone', local('cancelled'), istio, false],
    ['500 with gateway-error only', response(500), ['gateway-error'], false],
    ['502 with gateway-error only', response(502), ['gateway-error'], true],
  ])('%s → retriable %s', (_name, outcome, retryOn, expected) => {
    expect(isRetriable(outcome, retryOn)).toBe(expected);
  });

  it('counts 5xx and local failures, not 4xx, for outlier detection', () => {
    expect(isUpstreamFailure(response(503))).toBe(true);
    expect(isUpstreamFailure(local('connect-failure'))).toBe(true);
    expect(isUpstreamFailure(response(404))).toBe(false);
    expect(isUpstreamFailure(local('cancelled'))).toBe(false);
  });

  it('backs off within [0, base·2^(n-1)], capped at 10 × base', () => {
    expect(backoffMs(1, 25, () => 1)).toBe(25);
    expect(backoffMs(3, 25, () => 1)).toBe(100);
    expect(backoffMs(10, 25, () => 1)).toBe(250);
    expect(backoffMs(2, 25, () => 0)).toBe(0);
  });
});
