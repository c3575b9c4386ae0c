// The stand-in's rate limit: a token bucket per client (burst, refill, Retry-After) and the bounded
// table of clients.
import { describe, expect, it } from 'vitest';
import { ClientRateLimiter, TokenBucket } from '../../../../src/target/gateway/security/token-bucket.ts';

describe('TokenBucket', () => {
  it('admits a full burst at once, then refuses with Retry-After in whole seconds', () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 5 }, 0);
    const answers = Array.from({ length: 6 }, () => bucket.take(0));
    expect(answers.slice(0, 5).every((a) => a.admitted)).toBe(true);
    expect(answers[5]).toEqual({ admitted: false, retryAfterS: 1 });
  });

  it('refills at perSecond and never holds more than burst', () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 5 }, 0);
    for (let i = 0; i < 5; i++) bucket.take(0);
    expect(bucket.take(50).admitted).toBe(false); // half a token after 50 ms
    expect(bucket.take(100).admitted).toBe(true); // one token after 100 ms
    // An hour idle still leaves only `burst` tokens.
    const later = 3_600_000;
    const admitted = Array.from({ length: 8 }, () => bucket.take(later)).filter((a) => a.admitted);
    expect(admitted).toHaveLength(5);
  });

  it('asks a slow-refill client to wait as long as the next token takes', () => {
    const bucket = new TokenBucket({ perSecond: 0.25, burst: 1 }, 0);
    expect(bucket.take(0).admitted).toBe(true);
    expect(bucket.take(0)).toEqual({ admitted: false, retryAfterS: 4 });
    expect(bucket.take(2000)).toEqual({ admitted: false, retryAfterS: 2 });
  });

  it('sustains exactly its rate over time', () => {
    const bucket = new TokenBucket({ perSecond: 50, burst: 50 }, 0);
    let admitted = 0;
    // 200 requests/s for 10 s: 50 in the first burst, then 50 per second.
    for (let ms = 0; ms < 10_000; ms += 5) if (bucket.take(ms).admitted) admitted++;
    expect(admitted).toBeGreaterThanOrEqual(549);
    expect(admitted).toBeLessThanOrEqual(551);
  });
});

describe('ClientRateLimiter', () => {
  it('keeps one bucket per client: one client bursting does not refuse another', () => {
    const limiter = new ClientRateLimiter({ perSecond: 1, burst: 2 });
    expect(limiter.take('a', 0).admitted).toBe(true);
    expect(limiter.take('a', 0).admitted).toBe(true);
    expect(limiter.take('a', 0).admitted).toBe(false);
    expect(limiter.take('b', 0).admitted).toBe(true);
  });

  it('forgets the least recently seen client beyond its bound', () => {
    const limiter = new ClientRateLimiter({ perSecond: 1, burst: 1 }, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('a', 0); // a is now the most recent
    limiter.take('c', 0); // drops b
    expect(limiter.clients).toBe(2);
    expect(limiter.take('a', 0).admitted).toBe(false); // a kept its empty bucket
    expect(limiter.take('b', 0).admitted).toBe(true); // b starts afresh
  });
});
