// `k6 version` lines as k6 prints them (official releases old and new, xk6 builds before and after
// k6 v1.3.0 took its version from the Go build info, dev builds) read into a comparable version, the
// minimum the bundles need, and the summary-off flags each release knows.
import { describe, expect, test } from 'vitest';
import {
  MIN_K6_VERSION,
  meetsMinimum,
  noSummaryFlags,
} from '../../../src/engine/k6-version/k6-requirements.ts';
import { formatK6Version, parseK6Version } from '../../../src/engine/k6-version/parse-k6-version.ts';

describe('parseK6Version', () => {
  test.each([
    ['k6 v0.49.0 (2024-01-29T13:16:28+0000/v0.49.0-0-g0c2b7f2d, go1.21.6, linux/amd64)', 'v0.49.0', false],
    ['k6 v1.3.0 (commit/5870e99ae8, go1.25.1, linux/amd64)', 'v1.3.0', false],
    ['k6 v2.2.0 (commit/d1ef090643, go1.26.4, linux/amd64)', 'v2.2.0', false],
    // xk6 builds: another parenthesis and an Extensions list.
    [
      'k6 v1.0.0 (go1.24.5, linux/amd64)\nExtensions:\n  github.com/grafana/xk6-dashboard v0.7.5, k6/x/dashboard [output]',
      'v1.0.0',
      true,
    ],
    ['k6 v0.52.0 ((devel), go1.22.4, linux/amd64)', 'v0.52.0', true],
    ['k6 v2.1.0 (commit/devel, go1.26.4, darwin/amd64)', 'v2.1.0', true],
    // Built from a commit after v1.3.0: a Go pseudo-version, compared by its release numbers.
    [
      'k6 v1.3.1-0.20250821094055-e2181aa00abc (go1.24.6, linux/amd64)',
      'v1.3.1-0.20250821094055-e2181aa00abc',
      false,
    ],
    ['k6 v1.0.0-rc1 (commit/b8a5c52334, go1.24.1, linux/amd64)', 'v1.0.0-rc1', false],
  ])('%s → %s', (output, version, custom) => {
    const info = parseK6Version(`${output}\n`);
    expect(info.version && formatK6Version(info.version)).toBe(version);
    expect(info.custom).toBe(custom);
    expect(info.line).toBe(output.split('\n')[0]);
  });

  test.each([
    ['k6 (devel)'],
    ['k6 v0.0.0-20250821094055-e2181aa00abc (go1.24.6, linux/amd64)'],
    ['k6 version unknown'],
    ['Segmentation fault'],
    [''],
  ])('no release in %j → no version', (output) => {
    expect(parseK6Version(output).version).toBeUndefined();
  });
});

describe('what the bundles need', () => {
  const v = (text: string) => parseK6Version(`k6 ${text} (x)`).version!;

  test('the minimum is v0.53.0: v0.49.0 (known to fail) and v0.52 are below, v0.53 and v1.3.0 (known to work) meet it', () => {
    expect(formatK6Version(MIN_K6_VERSION)).toBe('v0.53.0');
    expect(meetsMinimum(v('v0.49.0'))).toBe(false);
    expect(meetsMinimum(v('v0.52.9'))).toBe(false);
    expect(meetsMinimum(v('v0.53.0'))).toBe(true);
    expect(meetsMinimum(v('v0.53.0-rc1'))).toBe(true);
    expect(meetsMinimum(v('v1.3.0'))).toBe(true);
    expect(meetsMinimum(v('v2.0.0'))).toBe(true);
  });

  test('summary-off flags follow the release: --no-summary before v1.3.0, --summary-mode=disabled from it (v2 removed the other)', () => {
    expect(noSummaryFlags(v('v0.53.0'))).toEqual(['--no-thresholds', '--no-summary']);
    expect(noSummaryFlags(v('v1.2.3'))).toEqual(['--no-thresholds', '--no-summary']);
    expect(noSummaryFlags(v('v1.3.0'))).toEqual(['--no-thresholds', '--summary-mode=disabled']);
    expect(noSummaryFlags(v('v2.2.0'))).toEqual(['--no-thresholds', '--summary-mode=disabled']);
    // A dev build is newer than any release we know.
    expect(noSummaryFlags(undefined)).toEqual(['--no-thresholds', '--summary-mode=disabled']);
  });
});
