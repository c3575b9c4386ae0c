// report.md from a verdict: compact enough for a job summary, every table cell escaped.
import { expect, test } from 'vitest';
import { escapeMarkdown, renderMarkdown } from '../../../src/results/render-markdown.ts';
import { passingVerdict, sampleRow, sampleVerdict } from './verdict-fixture.ts';

const withFindings = () =>
  sampleVerdict({
    analysis: {
      breakingPoint: {
        step: { name: 'step-7', fromMs: 0, toMs: 1, vus: 700, rps: 650.2, p95Ms: 812, errorRate: 0.045 },
        serviceErrorRates: { 'order-service': 0.12 },
        steps: [],
      },
      spike: {
        spikeErrorRate: 0.032,
        recoveryMs: null,
        overflowsAfter: 2,
        band: { p95MaxMs: 150, errorRateMax: 0.01 },
      },
      drift: {
        p95SlopeMsPerHour: 12,
        errorRateSlopePerHour: 0,
        memorySlopeBytesPerHour: 1_300_000,
        minutes: 60,
      },
      breakpoint: { highestSustainedRate: 1234, brokeAtRate: 1300 },
    },
  });

test('headline, reason, inconclusive list and run metadata', () => {
  const md = renderMarkdown(sampleVerdict());
  const lines = md.split('\n');
  expect(lines[0]).toBe('### ❌ FAILED: normal run normal-20250602-100000-ab12');
  expect(md).toContain('**Reason:** p95-under-500ms: observed 612 ms \\> limit 500 ms (exit 99)');
  expect(md).toContain(
    '**Inconclusive:** target-rate-reached (generator overloaded), chaos-recovery-under-60s (no data)',
  );
  expect(md).toMatch(
    /<sub>engine local \(no k6 binary on PATH\) · embedded target · scale 0\.05, VU scale 1 · chaos pod-kill-order-service\.yaml · 2025-06-02 10:00 UTC, 93 s<\/sub>/,
  );
});

test('a passing run: ✅ PASSED and no reason line', () => {
  const md = renderMarkdown(passingVerdict());
  expect(md.split('\n')[0]).toBe('### ✅ PASSED: normal run normal-20250602-100000-ab12');
  expect(md).not.toContain('**Reason:**');
  expect(md).not.toContain('**Inconclusive:**');
});

test('criteria table: limit and observed with units, a result per status', () => {
  const md = renderMarkdown(sampleVerdict());
  expect(md).toContain('| Criterion | Limit | Observed | Result |');
  expect(md).toContain('| p95-under-500ms | p(95) \\< 500 ms | 612 ms | ❌ fail |');
  expect(md).toContain('| errors-under-0.1pct | rate \\< 0.1 % | 0.04 % | ✅ pass |');
  expect(md).toContain(
    '| target-rate-reached | rate ≥ 95/s | 91.2/s | ⚠️ inconclusive (generator overloaded) |',
  );
  expect(md).toContain('| chaos-recovery-under-60s | ≤ 60 s | n/a | ⚠️ n/a (no data) |');
});

test('a baseline adds its observed values', () => {
  const md = renderMarkdown(sampleVerdict(), { baseline: passingVerdict({ runId: 'normal-base' }) });
  expect(md).toContain('| Criterion | Limit | Observed | Baseline | Result |');
  expect(md).toContain('| p95-under-500ms | p(95) \\< 500 ms | 612 ms | 212 ms | ❌ fail |');
  expect(md).toContain('baseline normal-base');
});

test('chaos row: before/during/after, timing into the run, worst service and operation', () => {
  const md = renderMarkdown(sampleVerdict());
  const row = md.split('\n').find((l) => l.startsWith('| pod-kill-order-service'));
  expect(row).toBe(
    '| pod-kill-order-service (PodChaos) | 0.08 % / 12 % / 0.08 %? | 96 ms / 830 ms / 96 ms? | injected at +40.0s, recovered after 4.2 s (users) / 3.1 s (replicas ready) | order-service (18 %, p95 1.2 s), order\\_create (25 %, p95 1.4 s) |',
  );
  expect(md).toContain('? the generator lagged in that window');
});

test('findings, per-service table and the per-operation table folded in <details>', () => {
  const md = renderMarkdown(withFindings());
  expect(md).toContain(
    '**Breaking point:** step-7 at 700 VUs, 650.2/s: p95 812 ms, errors 4.5 %; worst service order-service 12 %',
  );
  expect(md).toContain(
    '**Spike:** errors during the spike 3.2 %; not back in the pre-spike band by the end; 2 pool overflow(s) after',
  );
  expect(md).toContain(
    '**Drift:** p95 +12 ms/h, errors 0 %/h, memory +1.24 MiB/h over 60 buckets (a minute each at full scale; slopes per scaled hour)',
  );
  expect(md).toContain(
    '**Highest sustained rate:** 1234/s within p95 \\< 500 ms and errors \\< 1 %; broke at 1300/s',
  );
  expect(md).toContain('| order-service | 1,200 | 0.2 % | 640 ms | 210 ms | 13.3/s |');
  expect(md).toMatch(
    /<details><summary>Per operation \(4\)<\/summary>\n\n\| Operation \|[\s\S]*\| order\\_create \|[\s\S]*<\/details>\n$/,
  );
});

test('sized for a job summary: under 60 lines and 10 KB for a typical run', () => {
  const md = renderMarkdown(withFindings(), { baseline: passingVerdict() });
  expect(md.split('\n').length).toBeLessThanOrEqual(60);
  expect(Buffer.byteLength(md)).toBeLessThan(10_240);
});

test('long breakdowns are cut, naming how many rows were left out', () => {
  const operations = Array.from({ length: 40 }, (_, i) => sampleRow(`op_${i}`));
  const md = renderMarkdown(sampleVerdict({ analysis: { operations } }));
  expect(md).toContain('… and 25 more in report.html');
  expect(md).not.toContain('op\\_15');
});

test('pipes and markdown-active characters in names cannot break a table or inject markup', () => {
  const md = renderMarkdown(
    sampleVerdict({
      analysis: { services: [sampleRow('evil|name *bold* <img src=x> [link](y) `code`\nnext')] },
    }),
  );
  const row = md.split('\n').find((l) => l.startsWith('| evil'));
  expect(row).toBe(
    '| evil\\|name \\*bold\\* \\<img src=x\\> \\[link\\](y) \\`code\\` next | 1,200 | 0.08 % | 96 ms | 210 ms | 13.3/s |',
  );
  expect(row?.split(/(?<!\\)\|/).length).toBe(8);
});

test('escapeMarkdown leaves plain text alone', () => {
  expect(escapeMarkdown('order-service 12 % (p95 1.2 s)')).toBe('order-service 12 % (p95 1.2 s)');
});
