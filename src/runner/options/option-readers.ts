// Field readers for validating untyped option objects: each returns the value (or the default) and
// appends `path: message (got X, expected Y)` to a shared problem list. Runs in: Node.
import { tryParseDurationMs } from '../../vu/duration.ts';

export class FieldReader {
  readonly problems: string[];
  readonly #object: Record<string, unknown>;
  readonly #path: string;
  readonly #seen = new Set<string>();

  constructor(object: Record<string, unknown>, path: string, problems: string[]) {
    this.#object = object;
    this.#path = path;
    this.problems = problems;
  }

  #problem(field: string, message: string, got: unknown, expected: string): void {
    this.problems.push(
      `${this.#path}.${field}: ${message} (got ${JSON.stringify(got)}, expected ${expected})`,
    );
  }

  has(field: string): boolean {
    return this.#object[field] !== undefined && this.#object[field] !== null;
  }

  raw(field: string): unknown {
    this.#seen.add(field);
    return this.#object[field];
  }

  /** Integer ≥ min; `fallback` undefined means required. */
  int(field: string, fallback: number | undefined, min = 0): number {
    const value = this.raw(field);
    if (value === undefined || value === null) {
      if (fallback === undefined) this.#problem(field, 'is required', value, `an integer >= ${min}`);
      return fallback ?? min;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      this.#problem(field, 'invalid value', value, `an integer >= ${min}`);
      return fallback ?? min;
    }
    return value;
  }

  /** k6 duration string or ms number, > 0 unless allowZero; `fallback` undefined means required. */
  durationMs(field: string, fallback: string | undefined, allowZero = true): number {
    const value = this.raw(field);
    const text = value === undefined || value === null ? fallback : value;
    if (text === undefined) {
      this.#problem(field, 'is required', value, 'a duration like "30s" or "1m30s"');
      return 0;
    }
    const ms = tryParseDurationMs(text);
    if (ms === undefined || (!allowZero && ms <= 0)) {
      this.#problem(
        field,
        'invalid duration',
        value,
        allowZero ? 'a duration >= 0 like "30s"' : 'a duration > 0 like "30s"',
      );
      return 0;
    }
    return ms;
  }

  string(field: string, fallback: string): string {
    const value = this.raw(field);
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string' || value === '') {
      this.#problem(field, 'invalid value', value, 'a non-empty string');
      return fallback;
    }
    return value;
  }

  stringMap(field: string): Record<string, string> {
    const value = this.raw(field);
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.#problem(field, 'invalid value', value, 'an object of strings');
      return {};
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
        this.#problem(`${field}.${k}`, 'invalid value', v, 'a string');
      else out[k] = String(v);
    }
    return out;
  }

  stages(field: string, required: boolean): { durationMs: number; target: number }[] {
    const value = this.raw(field);
    if (!Array.isArray(value) || (required && value.length === 0)) {
      if (required || value !== undefined)
        this.#problem(
          field,
          required ? 'is required' : 'invalid value',
          value,
          'a non-empty array of {duration, target}',
        );
      return [];
    }
    return value.map((stage, index) => {
      const reader = new FieldReader(
        (stage ?? {}) as Record<string, unknown>,
        `${this.#path}.${field}[${index}]`,
        this.problems,
      );
      return {
        durationMs: reader.durationMs('duration', undefined),
        target: reader.int('target', undefined, 0),
      };
    });
  }

  /** Report every field that no reader asked for (typos, unsupported settings). */
  rejectUnknown(what: string): void {
    for (const key of Object.keys(this.#object))
      if (!this.#seen.has(key))
        this.problems.push(
          `${this.#path}.${key}: unknown or unsupported ${what} option (got ${JSON.stringify(this.#object[key])})`,
        );
  }
}
