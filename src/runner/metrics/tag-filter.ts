// Metric keys and sub-metric selectors as k6 writes them: `name` or `name{tag:value,tag2:"value"}`
// (AND of tag equalities; keys and values may be quoted; whitespace around parts is ignored).
// Runs in: Node (runner main thread and VU worker threads).
import type { Tags } from './types.ts';

/** k6 (v1+) metric name rule. */
export const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/;

interface MetricKey {
  /** Base metric name. */
  metric: string;
  /** Canonical key: the name, or `name{<selector text trimmed>}` as k6 names sub-metrics. */
  key: string;
  /** Selector text between the braces, trimmed (k6's sub-metric "suffix"). */
  suffix?: string;
  /** Tag equalities the sample must all satisfy. */
  tags?: Tags;
}

type ParsedMetricKey = { ok: true; value: MetricKey } | { ok: false; problem: string };

function unquote(text: string): string {
  return text.trim().replace(/^["']+|["']+$/g, '');
}

/** Parse `name` or `name{tag:value,...}`; problems name the text and what was expected. */
export function parseMetricKey(text: string): ParsedMetricKey {
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  const name = (open === -1 ? text : text.slice(0, open)).trim();
  const expected = 'expected metric_name or metric_name{tag:value,...}';
  if (open === -1 && close === -1) {
    if (!METRIC_NAME.test(name))
      return { ok: false, problem: `invalid metric name (got "${text}", ${expected})` };
    return { ok: true, value: { metric: name, key: name } };
  }
  if (open === -1 || close !== text.length - 1 || close < open) {
    return { ok: false, problem: `unbalanced or misplaced braces (got "${text}", ${expected})` };
  }
  if (!METRIC_NAME.test(name))
    return { ok: false, problem: `invalid metric name (got "${text}", ${expected})` };
  const suffix = text.slice(open + 1, close).trim();
  if (suffix === '') {
    return { ok: false, problem: `empty tag filter (got "${text}", expected at least one tag:value)` };
  }
  const tags: Record<string, string> = {};
  for (const part of suffix.split(',')) {
    const colon = part.indexOf(':');
    const tag = colon === -1 ? '' : unquote(part.slice(0, colon));
    const value = colon === -1 ? '' : unquote(part.slice(colon + 1));
    if (tag === '' || value === '') {
      return {
        ok: false,
        problem: `malformed tag filter "${part.trim()}" (got "${text}", expected tag:value)`,
      };
    }
    tags[tag] = value;
  }
  return { ok: true, value: { metric: name, key: `${name}{${suffix}}`, suffix, tags: Object.freeze(tags) } };
}

/** Filter as flat [tag, value] pairs: the hot path compares strings without allocating. */
export type TagFilter = readonly (readonly [string, string])[];

export function toTagFilter(tags: Tags): TagFilter {
  return Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function matchesTags(filter: TagFilter, tags: Tags): boolean {
  for (let i = 0; i < filter.length; i++) {
    const pair = filter[i]!;
    if (tags[pair[0]] !== pair[1]) return false;
  }
  return true;
}

/** Identity of a filter regardless of tag order or quoting (`{a:1,b:2}` = `{b:"2",a:1}`). */
export function filterIdentity(filter: TagFilter): string {
  return JSON.stringify(filter);
}
