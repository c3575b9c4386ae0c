// The end-of-run verdict in the terminal: headline forms, colour on and off, n/a (no data), chaos.
import { describe, expect, test } from 'vitest';
import { colorEnabled, renderTerminalVerdict } from '../../../src/results/render-terminal.ts';
import { passingVerdict, sampleCriterion, sampleVerdict } from './verdict-fixture.ts';

const ESC = '\x1b';
const plain = (text: string) => text.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');

describe('headline', () => {
  test('a failed run names the exit code and the deciding criterion with units', () => {
    const first = renderTerminalVerdict(sampleVerdict(), { color: false }).split('\n')[0];
    expect(first).toBe('FAILED (exit 99): p95-under-500ms observed 612 ms > limit 500 ms');
  });

  test('the sign follows the numbers for a lower-bound limit, and further failures are counted', () => {
    const verdict = sampleVerdict();
    verdict.criteria[3] = sampleCriterion({
      ...verdict.criteria[3],
      status: 'fail',
      pass: false,
      inconclusive: undefined,
    });
    verdict.inconclusive = ['chaos-recovery-under-60s'];
    const first = renderTerminalVerdict(verdict, { color: false }).split('\n')[0];
    expect(first).toBe('FAILED (exit 99): p95-under-500ms observed 612 ms > limit 500 ms (+1 more)');
    verdict.criteria.shift();
    expect(renderTerminalVerdict(verdict, { color: false })).toMatch(
      /^FAILED \(exit 99\): target-rate-reached observed 91\.2\/s < limit 95\/s\n/,
    );
  });

  test('a failure without a failed criterion shows the verdict reason', () => {
    const verdict = passingVerdict({ pass: false, exitCode: 107, reason: 'script error: boom' });
    expect(renderTerminalVerdict(verdict, { color: false })).toMatch(
      /^FAILED \(exit 107\): script error: boom\n/,
    );
  });

  test('a passing run says PASSED in green and lists no INCONCLUSIVE line', () => {
    const text = renderTerminalVerdict(passingVerdict(), { color: true });
    expect(text.split('\n')[0]).toBe('\x1b[1m\x1b[32mPASSED\x1b[39m\x1b[22m');
    expect(text).not.toContain('INCONCLUSIVE');
  });

  test('the failed headline is red', () => {
    expect(renderTerminalVerdict(sampleVerdict(), { color: true }).split('\n')[0]).toMatch(
      new RegExp(`^${ESC}\\[1m${ESC}\\[31mFAILED`),
    );
  });
});

test('inconclusive criteria are listed with their reasons, in yellow', () => {
  const text = renderTerminalVerdict(sampleVerdict(), { color: true });
  expect(text).toContain(
    '\x1b[33mINCONCLUSIVE: target-rate-reached (generator overloaded), chaos-recovery-under-60s (no data)\x1b[39m',
  );
});

test('strict mode says inconclusive criteria count as failures', () => {
  const verdict = passingVerdict({ pass: false, strict: true, inconclusive: ['target-rate-reached'] });
  verdict.criteria[3] = sampleCriterion({
    ...verdict.criteria[3],
    status: 'inconclusive',
    pass: null,
    inconclusive: 'generator overloaded',
  });
  const text = renderTerminalVerdict(verdict, { color: false });
  expect(text.split('\n')[0]).toBe(
    'FAILED (exit 0): target-rate-reached inconclusive (generator overloaded, strict)',
  );
  expect(text).toContain('counted as failures (strict)');
});

test('criteria lines: ✓ pass, ✗ fail, ? inconclusive, and n/a (no data) instead of a pass', () => {
  const verdict = sampleVerdict();
  verdict.criteria[1] = sampleCriterion({ ...verdict.criteria[1], observed: null }); // "passed" without samples
  const lines = plain(renderTerminalVerdict(verdict, { color: true })).split('\n');
  const line = (id: string) => lines.find((l) => l.startsWith('  ') && l.includes(` ${id} `)) ?? '';
  expect(line('p95-under-500ms')).toMatch(/^ {2}✗ p95-under-500ms +p\(95\) < 500 ms +612 ms$/);
  expect(line('p99-under-1000ms')).toMatch(/^ {2}\? p99-under-1000ms .*n\/a \(no data\)$/);
  expect(line('errors-under-0.1pct')).toMatch(/^ {2}✓ .*rate < 0\.1 % +0\.04 %$/);
  expect(line('target-rate-reached')).toMatch(/^ {2}\? .*91\.2\/s inconclusive: generator overloaded$/);
  expect(line('chaos-recovery-under-60s')).toMatch(/≤ 60 s +n\/a \(no data\)$/);
});

test('each chaos fault: time into the run, both recoveries, windows and the worst service and operation', () => {
  const text = renderTerminalVerdict(sampleVerdict(), { color: false });
  expect(text).toContain('pod-kill-order-service (PodChaos) on order-service-1');
  expect(text).toContain('injected at +40.0s, recovered after 4.2 s (users) / 3.1 s (replicas ready)');
  expect(text).toMatch(/before +errors 0\.08 % +p95 96 ms\n/);
  expect(text).toMatch(
    /during +errors 12 % +p95 830 ms +worst service order-service \(18 %, p95 1\.2 s\), operation order_create/,
  );
  expect(text).toMatch(/after .*inconclusive: generator overloaded/);
});

test('a fault that did not recover says so on both sides', () => {
  const verdict = sampleVerdict();
  const fault = verdict.analysis.chaos![0]!;
  Object.assign(fault, { recoveryMs: null, providerRecoveryMs: null });
  expect(renderTerminalVerdict(verdict, { color: false })).toContain(
    'injected at +40.0s, not recovered (users) / replicas not seen ready',
  );
});

test('a fault with no steady window before it says its users recovery was not measured, not that it failed', () => {
  const verdict = sampleVerdict();
  const fault = verdict.analysis.chaos![0]!;
  Object.assign(fault, { recoveryMs: null, band: null });
  const text = renderTerminalVerdict(verdict, { color: false });
  expect(text).toContain(
    'recovery not measured (users: no steady window before the fault to compare with) / 3.1 s (replicas ready)',
  );
  expect(text).not.toContain('not recovered (users)');
});

test('a spike with no steady window before it: recovery not measured, not "not back"', () => {
  const verdict = sampleVerdict();
  verdict.analysis.spike = { spikeErrorRate: 0, recoveryMs: null, overflowsAfter: 0, band: null };
  expect(renderTerminalVerdict(verdict, { color: false })).toContain(
    'Spike: errors during the spike 0 %; recovery not measured (no steady window before the spike to compare with)',
  );
});

test('profile findings appear when present', () => {
  const text = renderTerminalVerdict(
    sampleVerdict({
      analysis: {
        breakingPoint: {
          step: { name: 'step-7', fromMs: 0, toMs: 1, vus: 700, rps: 650.24, p95Ms: 812, errorRate: 0.045 },
          serviceErrorRates: { 'order-service': 0.12, 'product-service': 0.01 },
          steps: [],
        },
        spike: { spikeErrorRate: 0.032, recoveryMs: 45_000, overflowsAfter: 0, band: null },
        drift: {
          p95SlopeMsPerHour: 12.4,
          errorRateSlopePerHour: -0.0001,
          memorySlopeBytesPerHour: null,
          minutes: 60,
        },
        breakpoint: { highestSustainedRate: 1234.5, brokeAtRate: null },
      },
    }),
    { color: false },
  );
  expect(text).toContain(
    'Breaking point: step-7 at 700 VUs, 650.2/s: p95 812 ms, errors 4.5 %; worst service order-service 12 %',
  );
  expect(text).toContain('Spike: errors during the spike 3.2 %; back in the pre-spike band 45 s after it');
  expect(text).toContain(
    'Drift: p95 +12.4 ms/h, errors -0.01 %/h over 60 buckets (a minute each at full scale; slopes per scaled hour)',
  );
  expect(text).toContain('Highest sustained rate: 1235/s within p95 < 500 ms and errors < 1 %; never broke');
});

test('no colour codes at all when colour is off', () => {
  expect(renderTerminalVerdict(sampleVerdict(), { color: false })).not.toContain(ESC);
});

describe('colorEnabled', () => {
  test.each([
    { isTTY: true, env: {}, expected: true },
    { isTTY: false, env: {}, expected: false },
    { isTTY: undefined, env: {}, expected: false },
    { isTTY: true, env: { NO_COLOR: '1' }, expected: false },
    { isTTY: true, env: { NO_COLOR: '' }, expected: true },
    { isTTY: false, env: { FORCE_COLOR: '1' }, expected: true },
    { isTTY: true, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, expected: true },
    { isTTY: true, env: { FORCE_COLOR: '0' }, expected: false },
    { isTTY: true, env: { FORCE_COLOR: 'false' }, expected: false },
  ])('TTY $isTTY, env $env → $expected', ({ isTTY, env, expected }) => {
    expect(colorEnabled({ isTTY }, env)).toBe(expected);
  });
});

test('an interrupted or failed run is not called a target failure', () => {
  const interrupted = sampleVerdict({
    pass: false,
    exitCode: 105,
    reason: 'interrupted before the end: figures cover the run so far',
    run: { status: 'interrupted' } as never,
  });
  expect(renderTerminalVerdict(interrupted, { color: false })).toMatch(
    /^INTERRUPTED \(exit 105\): interrupted before the end/m,
  );
  const failed = sampleVerdict({
    pass: false,
    exitCode: 107,
    reason: 'the run failed: boom',
    run: { status: 'failed' } as never,
  });
  expect(renderTerminalVerdict(failed, { color: false })).toMatch(
    /^ERROR \(exit 107\): the run failed: boom/m,
  );
});
