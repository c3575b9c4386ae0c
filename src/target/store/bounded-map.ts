// A Map that keeps only its most recent entries, so the stand-in's stores stay bounded on a 24 h soak
// the way a database-backed service's memory does (the real services keep data in PostgreSQL).
// Runs in: Node (parent, store holder).

/** Records each store keeps; at ~200 orders/s this is the last ~15 minutes of a full-scale soak. */
const STORE_RETENTION = 200_000;

export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #maxEntries: number;

  constructor(maxEntries = STORE_RETENTION) {
    if (!(maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1 (got ${maxEntries})`);
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Insert or replace; beyond maxEntries the oldest inserted entry is dropped. */
  set(key: K, value: V): this {
    if (!this.#entries.has(key) && this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
    return this;
  }
}
