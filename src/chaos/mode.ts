// mode/value rules of Chaos Mesh selection (one, all, fixed, fixed-percent, random-max-percent):
// validation as the webhook does it, and how many of N matches a mode picks. Node side; pure.
import { readString } from './kinds/field-checks.ts';
import { SELECTOR_MODES, type SelectorMode } from './kinds/types.ts';
import { describeValue, type FieldPath, type ProblemCollector } from './problem.ts';

/** Validate `mode` and `value` found at `path` (the object holding both). */
export function readModeValue(
  c: ProblemCollector,
  path: FieldPath,
  raw: Record<string, unknown>,
): { mode?: SelectorMode; value?: string } {
  const mode = readString(c, [...path, 'mode'], raw.mode, { required: true, oneOf: SELECTOR_MODES });
  const valuePath = [...path, 'value'];
  if (raw.value !== undefined && raw.value !== null && typeof raw.value !== 'string') {
    c.error(
      valuePath,
      `must be a string; quote it in YAML (got ${describeValue(raw.value)}, expected "${raw.value}")`,
    );
    return { mode };
  }
  const value = raw.value as string | undefined;
  if (mode === 'fixed' || mode === 'fixed-percent' || mode === 'random-max-percent') {
    const max = mode === 'fixed' ? Number.POSITIVE_INFINITY : 100;
    const expected =
      mode === 'fixed' ? 'an integer > 0 as a string, e.g. "1"' : 'an integer 1..100 as a string';
    if (value === undefined || value === '') {
      c.error(valuePath, `required for mode ${mode} (got nothing, expected ${expected})`);
    } else if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
      c.error(valuePath, `invalid for mode ${mode} (got ${describeValue(value)}, expected ${expected})`);
    }
  } else if (mode && value !== undefined) {
    c.warn(valuePath, `ignored for mode ${mode}`);
  }
  return value === undefined ? { mode } : { mode, value };
}

/**
 * How many of `matches` targets a mode selects. `random` returns 0..1 (injected for tests).
 * random-max-percent may pick 0, as Chaos Mesh does.
 */
export function countForMode(
  mode: SelectorMode,
  value: string | undefined,
  matches: number,
  random: () => number = Math.random,
): number {
  if (matches <= 0) return 0;
  const n = Number(value ?? '0');
  switch (mode) {
    case 'one':
      return 1;
    case 'all':
      return matches;
    case 'fixed':
      return Math.min(n, matches);
    case 'fixed-percent':
      return Math.min(matches, Math.ceil((matches * n) / 100));
    case 'random-max-percent': {
      const percent = Math.floor(random() * (n + 1));
      return Math.min(matches, Math.ceil((matches * percent) / 100));
    }
  }
}
