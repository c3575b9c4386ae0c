// Per-run object names and labels: chaos specs are immutable, so every apply gets a fresh name
// (`<name>-<6 random chars>`) plus labels that let cleanup find it. Node side; pure.
import { randomBytes } from 'node:crypto';

const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const MANAGED_BY_VALUE = 'c4ang-perf';
const RUN_ID_LABEL = 'c4ang-perf/run-id';

/** A unique name ≤ maxLength (63, or 57 for Schedules) ending in a random suffix. */
export function uniqueName(name: string, maxLength = 63, random: () => string = randomSuffix): string {
  const suffix = random();
  const head = name.slice(0, maxLength - suffix.length - 1).replace(/-+$/, '');
  return `${head}-${suffix}`;
}

function randomSuffix(): string {
  return randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 6);
}

/** A valid label value (≤ 63, alphanumeric ends, [-_.A-Za-z0-9] inside) for a run id. */
export function labelValue(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63);
  return cleaned.replace(/^[^A-Za-z0-9]+/, '').replace(/[^A-Za-z0-9]+$/, '') || 'run';
}

/** The labels every applied object carries. */
export function runLabels(runId: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: labelValue(runId) };
}
