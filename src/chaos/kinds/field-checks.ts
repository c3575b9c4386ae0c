// Small typed field readers shared by the kind validators: each reads one field, reports a
// problem (with "got X, expected Y") when it has the wrong shape, and returns the typed value
// or undefined. Node side; pure.
import { formatDurationMs, tryParseGoDurationMs } from '../../vu/duration.ts';
import { describeValue, type FieldPath, type ProblemCollector } from '../problem.ts';
import { MAX_CHAOS_DURATION_MS } from '../timeouts.ts';

export type Fields = Record<string, unknown>;

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object field; reports when required and missing, or when not a map. */
export function readObject(c: ProblemCollector, path: FieldPath, value: unknown, required: boolean) {
  if (value === undefined || value === null) {
    if (required) c.error(path, 'required field is missing (expected a map)');
    return undefined;
  }
  if (!isObject(value)) {
    c.error(path, `must be a map (got ${describeValue(value)})`);
    return undefined;
  }
  return value;
}

export function readString<T extends string = string>(
  c: ProblemCollector,
  path: FieldPath,
  value: unknown,
  options: { required?: boolean; oneOf?: readonly T[] } = {},
): T | undefined {
  if (value === undefined || value === null) {
    if (options.required) {
      const expected = options.oneOf ? `one of ${options.oneOf.join(', ')}` : 'a string';
      c.error(path, `required field is missing (expected ${expected})`);
    }
    return undefined;
  }
  if (typeof value !== 'string') {
    c.error(path, `must be a string; quote it in YAML (got ${describeValue(value)})`);
    return undefined;
  }
  if (options.oneOf && !options.oneOf.includes(value as T)) {
    c.error(path, `unknown value (got ${describeValue(value)}, expected one of ${options.oneOf.join(', ')})`);
    return undefined;
  }
  return value as T;
}

export function readInteger(
  c: ProblemCollector,
  path: FieldPath,
  value: unknown,
  options: { required?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined || value === null) {
    if (options.required) c.error(path, 'required field is missing (expected an integer)');
    return undefined;
  }
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = options;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = Number.isFinite(max) ? `${min}..${max}` : `≥ ${min}`;
    c.error(path, `must be an integer ${range} (got ${describeValue(value)})`);
    return undefined;
  }
  return value;
}

export function readBoolean(c: ProblemCollector, path: FieldPath, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    c.error(path, `must be true or false (got ${describeValue(value)})`);
    return undefined;
  }
  return value;
}

export function readStringList(c: ProblemCollector, path: FieldPath, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    c.error(path, `must be a list of strings (got ${describeValue(value)})`);
    return undefined;
  }
  const bad = value.findIndex((v) => typeof v !== 'string' || v === '');
  if (bad >= 0) {
    c.error([...path, bad], `must be a non-empty string (got ${describeValue(value[bad])})`);
    return undefined;
  }
  return value as string[];
}

export function readStringMap(
  c: ProblemCollector,
  path: FieldPath,
  value: unknown,
): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    c.error(path, `must be a map of strings (got ${describeValue(value)})`);
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      c.error([...path, key], `must be a string; quote it in YAML (got ${describeValue(v)})`);
      return undefined;
    }
  }
  return value as Record<string, string>;
}

/** A positive Go duration string such as `30s` or `1m30s`, at most MAX_CHAOS_DURATION_MS (24 h). */
export function readDuration(
  c: ProblemCollector,
  path: FieldPath,
  value: unknown,
  required = false,
): string | undefined {
  const text = readString(c, path, value, { required });
  if (text === undefined) return undefined;
  const ms = tryParseGoDurationMs(text);
  if (ms === undefined || ms <= 0) {
    c.error(
      path,
      `not a valid duration (got ${describeValue(text)}, expected a Go duration like "30s", "5m", "1m30s")`,
    );
    return undefined;
  }
  if (ms > MAX_CHAOS_DURATION_MS) {
    c.error(
      path,
      `too long (got ${describeValue(text)}, expected at most ${formatDurationMs(MAX_CHAOS_DURATION_MS)}, the length of the longest run)`,
    );
    return undefined;
  }
  return text;
}

/** Report keys the CRD does not define (the API server rejects them under strict validation). */
export function rejectUnknownKeys(
  c: ProblemCollector,
  path: FieldPath,
  object: Fields,
  known: readonly string[],
  skip: readonly string[] = [],
): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key) || skip.includes(key)) continue;
    c.error([...path, key], `unknown field (expected one of ${known.join(', ')})`);
  }
}

/** Copy defined entries in the given key order (keeps manifests in house field order). */
export function compact<T extends object>(entries: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out as T;
}
