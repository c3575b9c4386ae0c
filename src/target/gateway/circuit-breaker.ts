// Envoy-style connection-pool limits of one service: at most min(maxConnections, maxRequests) requests
// upstream at once (HTTP/1.1: one request per connection), up to maxPendingRequests waiting for a slot,
// anything beyond is refused at once (the gateway answers 503 with the `UO` flag). Runs in: Node (gateway).

type Release = () => void;

export class CircuitBreaker {
  readonly #limit: number;
  readonly #maxPending: number;
  #active = 0;
  readonly #waiting: { grant: (release: Release) => void }[] = [];

  constructor(limits: { maxConnections: number; maxRequests: number; maxPendingRequests: number }) {
    this.#limit = Math.max(1, Math.min(limits.maxConnections, limits.maxRequests));
    this.#maxPending = Math.max(0, limits.maxPendingRequests);
  }

  get active(): number {
    return this.#active;
  }
  get pending(): number {
    return this.#waiting.length;
  }

  /**
   * A slot now, a promise of one when queued, or 'overflow'. A queued caller that gives up calls
   * `cancel` so its place is freed.
   */
  acquire(): { release: Release } | { queued: Promise<Release>; cancel: () => void } | 'overflow' {
    if (this.#active < this.#limit) {
      this.#active++;
      return { release: this.#makeRelease() };
    }
    if (this.#waiting.length >= this.#maxPending) return 'overflow';
    let entry!: { grant: (release: Release) => void };
    const queued = new Promise<Release>((resolve) => {
      entry = { grant: resolve };
    });
    this.#waiting.push(entry);
    const cancel = () => {
      const index = this.#waiting.indexOf(entry);
      if (index >= 0) this.#waiting.splice(index, 1);
    };
    return { queued, cancel };
  }

  #makeRelease(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next.grant(this.#makeRelease());
      else this.#active--;
    };
  }
}
