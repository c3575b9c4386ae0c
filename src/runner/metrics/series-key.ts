// Identity of a time series: a sample's tags minus the high-cardinality ones (url, vu, iter).
// Computed once per distinct tags object (WeakMap), so callers reusing frozen tag objects per request
// site pay for sorting and stringifying once. Runs in: Node (runner main thread and workers).
import type { Tags } from './types.ts';

/** Tags left out of time series to bound their cardinality (k6 made vu/iter non-indexable too). */
const DROPPED_SERIES_TAGS: ReadonlySet<string> = new Set(['url', 'vu', 'iter']);

interface SeriesTags {
  /** Stable string identity (sorted entries); '' for no tags. */
  key: string;
  /** The kept tags, frozen. */
  tags: Tags;
}

const cache = new WeakMap<object, SeriesTags>();
const EMPTY: SeriesTags = Object.freeze({ key: '', tags: Object.freeze({}) });
/** Kept tags in insertion order → canonical entry: a new tags object per request costs one concat. */
const byRaw = new Map<string, SeriesTags>();
/** Bounds `byRaw` if a script puts unbounded values (ids) into tags; clearing only costs recomputation. */
const MAX_RAW_ENTRIES = 10_000;

function canonicalSeriesTags(tags: Tags): SeriesTags {
  const kept: [string, string][] = [];
  for (const name in tags) {
    if (!DROPPED_SERIES_TAGS.has(name)) kept.push([name, tags[name]!]);
  }
  if (kept.length === 0) return EMPTY;
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { key: JSON.stringify(kept), tags: Object.freeze(Object.fromEntries(kept)) };
}

function computeSeriesTags(tags: Tags): SeriesTags {
  let raw = '';
  for (const name in tags) {
    if (!DROPPED_SERIES_TAGS.has(name)) raw += `${name}\u0001${tags[name]}\u0002`;
  }
  let entry = byRaw.get(raw);
  if (entry === undefined) {
    entry = canonicalSeriesTags(tags);
    if (byRaw.size >= MAX_RAW_ENTRIES) byRaw.clear();
    byRaw.set(raw, entry);
  }
  return entry;
}

export function seriesTagsOf(tags: Tags): SeriesTags {
  let entry = cache.get(tags);
  if (entry === undefined) {
    entry = computeSeriesTags(tags);
    cache.set(tags, entry);
  }
  return entry;
}
