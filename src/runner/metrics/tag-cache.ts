// Tag objects reused across samples instead of rebuilt per sample: VU tag sets interned by content
// (every VU of a scenario and group shares one frozen object), and tag sets derived from such a base
// (a request's, a check's) memoized per base object and key. Shared objects cost no allocation per
// sample and let identity caches downstream (series keys, outputs) hit. All bounded: a cache that
// outgrows its limit is cleared, which only costs rebuilding. Runs in: VU thread.
import type { Tags } from './types.ts';

const interned = new Map<string, Tags>();
const MAX_INTERNED = 10_000;

/** The frozen tag object with exactly these entries in this order (one per distinct content). */
export function internTags(tags: Record<string, string>): Tags {
  const key = JSON.stringify(tags);
  let shared = interned.get(key);
  if (shared === undefined) {
    if (interned.size >= MAX_INTERNED) interned.clear();
    shared = Object.freeze(tags);
    interned.set(key, shared);
  }
  return shared;
}

/** Derived tag sets per base tag object (weakly held) and string key, at most `maxPerBase` per base. */
export class DerivedTagCache<E> {
  readonly #byBase = new WeakMap<Tags, Map<string, E>>();
  readonly #maxPerBase: number;

  constructor(maxPerBase = 1000) {
    this.#maxPerBase = maxPerBase;
  }

  get(base: Tags, key: string): E | undefined {
    return this.#byBase.get(base)?.get(key);
  }

  set(base: Tags, key: string, entry: E): void {
    let map = this.#byBase.get(base);
    if (map === undefined) {
      map = new Map();
      this.#byBase.set(base, map);
    } else if (map.size >= this.#maxPerBase) map.clear();
    map.set(key, entry);
  }
}
