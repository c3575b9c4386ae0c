// Which real-k6 runs leave summary and thresholds to the harness: soak at any scale, anything whose
// nominal length is over 30 minutes, or whatever --k6-summary says.
import { describe, expect, test } from 'vitest';
import { LONG_RUN_MS, planK6Summary } from '../../../src/engine/k6-summary-mode.ts';
import { nominalDurationMs } from '../../../src/vu/options.ts';
import { PROFILES, type ProfileName } from '../../../src/vu/profiles.ts';

const full = { loadScale: 1, vuScale: 1 };
const plan = (profile: ProfileName, scales = full) =>
  planK6Summary('auto', profile, nominalDurationMs(PROFILES[profile], scales));

describe('planK6Summary', () => {
  test('at full scale: normal and spike keep k6’s own summary; stress, breakpoint and soak stream to the harness', () => {
    expect(LONG_RUN_MS).toBe(30 * 60_000);
    expect(plan('smoke').mode).toBe('k6');
    expect(plan('normal')).toEqual({ mode: 'k6', why: 'a 30 min run (30 min or less)' });
    expect(plan('spike').mode).toBe('k6');
    expect(plan('stress')).toEqual({ mode: 'harness', why: 'a 60 min run (over 30 min)' });
    expect(plan('breakpoint').mode).toBe('harness');
    expect(plan('soak')).toEqual({ mode: 'harness', why: 'soak profile (long run)' });
  });

  test('soak streams at any scale (the nightly job runs it at 0.01); a quick stress does not', () => {
    expect(plan('soak', { loadScale: 0.001, vuScale: 0.5 }).mode).toBe('harness');
    expect(plan('stress', { loadScale: 0.025, vuScale: 0.5 }).mode).toBe('k6');
  });

  test('--k6-summary k6|harness wins over the length', () => {
    expect(planK6Summary('k6', 'soak', 86_400_000)).toEqual({ mode: 'k6', why: '--k6-summary k6' });
    expect(planK6Summary('harness', 'smoke', 1000)).toEqual({ mode: 'harness', why: '--k6-summary harness' });
  });
});
