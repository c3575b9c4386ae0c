// Rate limiting per client with token buckets (Envoy's local rate limit, keyed per client): each
// client's bucket holds up to `burst` tokens, gains `perSecond` a second, and a request takes one. An
// empty bucket answers with how long until the next token, for Retry-After. Buckets are kept for the
// most recently seen clients only, so a flood of client keys cannot grow the gateway's memory.
// Runs in: Node (gateway).
import type { RateLimitSettings } from './security-settings.ts';

export type Admission =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly retryAfterS: number };

export class TokenBucket {
  #tokens: number;
  #updatedMs: number;
  readonly #settings: RateLimitSettings;

  constructor(settings: RateLimitSettings, nowMs: number) {
    this.#settings = settings;
    this.#tokens = settings.burst;
    this.#updatedMs = nowMs;
  }

  take(nowMs: number): Admission {
    const { perSecond, burst } = this.#settings;
    const elapsedS = Math.max(0, nowMs - this.#updatedMs) / 1000;
    this.#tokens = Math.min(burst, this.#tokens + elapsedS * perSecond);
    this.#updatedMs = nowMs;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { admitted: true };
    }
    // Whole seconds (the header's unit), at least 1: "now" would invite an immediate retry.
    return { admitted: false, retryAfterS: Math.max(1, Math.ceil((1 - this.#tokens) / perSecond)) };
  }
}

/** Clients whose buckets are kept; the least recently seen one is dropped beyond this. */
const MAX_CLIENTS = 10_000;

export class ClientRateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #settings: RateLimitSettings;
  readonly #maxClients: number;

  constructor(settings: RateLimitSettings, maxClients = MAX_CLIENTS) {
    this.#settings = settings;
    this.#maxClients = maxClients;
  }

  get clients(): number {
    return this.#buckets.size;
  }

  take(client: string, nowMs = Date.now()): Admission {
    let bucket = this.#buckets.get(client);
    if (bucket) this.#buckets.delete(client);
    else {
      bucket = new TokenBucket(this.#settings, nowMs);
      if (this.#buckets.size >= this.#maxClients) {
        const oldest = this.#buckets.keys().next();
        if (!oldest.done) this.#buckets.delete(oldest.value);
      }
    }
    // Re-inserted: Map order is then least recently seen first.
    this.#buckets.set(client, bucket);
    return bucket.take(nowMs);
  }
}
