// Chaos Mesh cron specs (robfig/cron v3 forms), including next fire times. Go durations are tested
// with the one duration module (test/unit/vu/duration.test.ts).
import { describe, expect, it } from 'vitest';
import { nextFireAfter, parseCron } from '../../../src/chaos/index.ts';

describe('parseCron', () => {
  it('reads @every as an interval', () => {
    expect(parseCron('@every 5m')).toEqual({ ok: true, spec: { kind: 'every', intervalMs: 300_000 } });
  });
  it.each(['*/5 * * * *', '0 */5 * * * *', '@hourly', '0 9 * * MON-FRI', 'TZ=UTC 0 0 1 * *'])(
    'accepts %j',
    (text) => {
      expect(parseCron(text).ok).toBe(true);
    },
  );
  it.each(['@every five minutes', '* * *', '61 * * * *', '@fortnightly', '*/0 * * * *'])(
    'rejects %j',
    (text) => {
      expect(parseCron(text).ok).toBe(false);
    },
  );
  it('finds the next fire of a 5-field spec', () => {
    const parsed = parseCron('*/5 * * * *');
    if (!parsed.ok) throw new Error(parsed.message);
    const next = nextFireAfter(parsed.spec, new Date(2030, 0, 1, 10, 7, 30));
    expect(next).toEqual(new Date(2030, 0, 1, 10, 10, 0));
  });
  it('ORs day-of-month and day-of-week when both are restricted', () => {
    const parsed = parseCron('0 0 13 * FRI');
    if (!parsed.ok) throw new Error(parsed.message);
    // 2030-01-04 is a Friday, before the 13th.
    expect(nextFireAfter(parsed.spec, new Date(2030, 0, 1))).toEqual(new Date(2030, 0, 4));
  });
  it('adds the interval for @every', () => {
    const parsed = parseCron('@every 5m');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(nextFireAfter(parsed.spec, new Date(0))?.getTime()).toBe(300_000);
  });
});
