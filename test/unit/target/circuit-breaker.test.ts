import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../../src/target/gateway/circuit-breaker.ts';

describe('CircuitBreaker', () => {
  it('admits up to min(maxConnections, maxRequests), queues up to maxPendingRequests, then overflows', () => {
    const breaker = new CircuitBreaker({ maxConnections: 3, maxRequests: 2, maxPendingRequests: 1 });
    const first = breaker.acquire();
    const second = breaker.acquire();
    const third = breaker.acquire();
    const fourth = breaker.acquire();
    expect('release' in (first as object)).toBe(true);
    expect('release' in (second as object)).toBe(true);
    expect('queued' in (third as object)).toBe(true);
    expect(fourth).toBe('overflow');
    expect([breaker.active, breaker.pending]).toEqual([2, 1]);
  });

  it('a release hands the slot to the oldest queued request', async () => {
    const breaker = new CircuitBreaker({ maxConnections: 1, maxRequests: 1, maxPendingRequests: 5 });
    const first = breaker.acquire() as { release: () => void };
    const queued = breaker.acquire() as { queued: Promise<() => void> };
    first.release();
    first.release(); // double release must not free a second slot
    const release = await queued.queued;
    expect([breaker.active, breaker.pending]).toEqual([1, 0]);
    release();
    expect(breaker.active).toBe(0);
  });

  it('a cancelled waiter frees its place in the queue', () => {
    const breaker = new CircuitBreaker({ maxConnections: 1, maxRequests: 1, maxPendingRequests: 1 });
    breaker.acquire();
    const waiting = breaker.acquire() as { cancel: () => void };
    expect(breaker.acquire()).toBe('overflow');
    waiting.cancel();
    expect('queued' in (breaker.acquire() as object)).toBe(true);
  });
});
