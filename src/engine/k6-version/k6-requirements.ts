// What the bundles need of real k6, by release (k6's own release notes are the evidence), and the
// flags that turn k6's in-memory summary and thresholds off on a given release — they were renamed,
// and k6 rejects a flag it does not know (exit 255), so the flags must match the version found.
// Runs in: Node.
import { formatK6Version, isAtLeast, type K6Version } from './parse-k6-version.ts';

/** Oldest k6 that runs dist/*.js unmodified: the newest release among NEEDS. */
export const MIN_K6_VERSION: K6Version = { major: 0, minor: 53, patch: 0 };

/** Each thing the bundles use that k6 did not always have, and the release notes that brought it. */
export const NEEDS: readonly { readonly since: string; readonly what: string }[] = [
  { since: 'v0.43.0', what: 'http.asyncRequest' },
  { since: 'v0.50.0', what: 'the k6/timers module (graduated from k6/experimental/timers)' },
  {
    since: 'v0.53.0',
    what: 'native ES modules: object spread and optional chaining without k6’s internal Babel',
  },
];

/** Since v1.3.0 `--summary-mode=disabled` replaces `--no-summary`, which k6 v2.0 removed. */
const SUMMARY_MODE_DISABLED_SINCE: K6Version = { major: 1, minor: 3, patch: 0 };

export function meetsMinimum(version: K6Version): boolean {
  return isAtLeast(version, MIN_K6_VERSION);
}

/** One line: why the minimum is what it is. */
export function describeNeeds(): string {
  return `the bundles need k6 ≥ ${formatK6Version(MIN_K6_VERSION)} (${NEEDS.map((n) => `${n.what} since ${n.since}`).join('; ')})`;
}

/**
 * `k6 run` flags that keep k6 from holding every Trend sample for its end-of-test summary and
 * thresholds (k6 only feeds its metrics engine when one of the two is on) and skip handleSummary.
 * An unknown version gets the current flags: a dev build is newer than any release we know.
 */
export function noSummaryFlags(version: K6Version | undefined): string[] {
  const summaryOff =
    version === undefined || isAtLeast(version, SUMMARY_MODE_DISABLED_SINCE)
      ? '--summary-mode=disabled'
      : '--no-summary';
  return ['--no-thresholds', summaryOff];
}
