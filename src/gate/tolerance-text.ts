// Reads the tolerance notation of gate.config.yaml: `+10%` (may rise by a share), `-10%` (may fall
// by a share), `+0.5pt` (may rise by percentage points) and `2ms` (a latency noise floor).
// Runs in: Node.

export type ToleranceForm = 'rise-percent' | 'fall-percent' | 'rise-points' | 'ms';

const FORMS: Record<ToleranceForm, { pattern: RegExp; example: string }> = {
  'rise-percent': { pattern: /^\+\s*(\d+(?:\.\d+)?)\s*%$/, example: '"+10%"' },
  'fall-percent': { pattern: /^[-−]\s*(\d+(?:\.\d+)?)\s*%$/, example: '"-10%"' },
  'rise-points': { pattern: /^\+\s*(\d+(?:\.\d+)?)\s*(?:pt|points?)$/, example: '"+0.5pt"' },
  ms: { pattern: /^(\d+(?:\.\d+)?)\s*ms$/, example: '"2ms"' },
};

/**
 * The tolerance as a number (a share 0..1 for percent forms, points for `pt`, ms for `ms`), or a
 * message saying what was expected.
 */
export function parseTolerance(value: unknown, form: ToleranceForm): number | { problem: string } {
  const { pattern, example } = FORMS[form];
  const match = typeof value === 'string' ? pattern.exec(value.trim()) : null;
  const expected = `expected a string like ${example}`;
  if (!match) return { problem: `not a tolerance (got ${JSON.stringify(value) ?? value}, ${expected})` };
  const amount = Number(match[1]);
  if (form === 'fall-percent' && amount > 100)
    return { problem: `cannot fall by more than 100 % (got ${JSON.stringify(value)})` };
  if (form === 'rise-points' && amount > 100)
    return { problem: `must be at most +100 points (got ${JSON.stringify(value)})` };
  return form === 'rise-percent' || form === 'fall-percent' ? amount / 100 : amount;
}

/** The notation back from a number, for reports: `+10%`, `-10%`, `+0.5pt`, `2ms`. */
export function formatTolerance(amount: number, form: ToleranceForm): string {
  const n = (x: number) => String(Number(x.toFixed(4)));
  if (form === 'rise-percent') return `+${n(amount * 100)}%`;
  if (form === 'fall-percent') return `-${n(amount * 100)}%`;
  if (form === 'rise-points') return `+${n(amount)}pt`;
  return `${n(amount)}ms`;
}
