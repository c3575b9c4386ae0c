// report.html's chaos table: users' recovery is "not recovered" only when there was a steady window
// before the fault to recover into; without one it is "not measured", with the reason.
import { expect, test } from 'vitest';
import { chaosTable } from '../../../src/results/report-html/chaos-table.ts';
import { annotationsOf } from '../../../src/results/report-html/report-annotations.ts';
import { sampleVerdict } from './verdict-fixture.ts';

const fault = (overrides: object) => ({ ...sampleVerdict().analysis.chaos![0]!, ...overrides });

test('no steady window before the fault: not measured, with the reason, not painted as a failure', () => {
  const html = chaosTable([fault({ recoveryMs: null, band: null })]);
  expect(html).toContain(
    'not measured<div class="subtle">no steady window before the fault to compare with</div>',
  );
  expect(html).not.toContain('>not recovered<');
});

test('a band and no recovery: not recovered, marked worse', () => {
  const html = chaosTable([fault({ recoveryMs: null })]);
  expect(html).toContain('<span class="worse">not recovered</span>');
});

test("the chart's note says the same: not measured, with the reason, or never within the run", () => {
  const analysisWith = (f: object) => ({ ...sampleVerdict().analysis, chaos: [fault(f)] });
  const note = (f: object) => annotationsOf(analysisWith(f), [], Date.now()).notes.join('\n');
  expect(note({ recoveryMs: null, band: null })).toContain(
    "users' recovery not measured (no steady window before the fault to compare with)",
  );
  expect(note({ recoveryMs: null })).toContain('users saw recovery never within the run');
});
