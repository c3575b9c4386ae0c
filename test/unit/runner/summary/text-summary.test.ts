import { describe, expect, it } from 'vitest';
import { renderTextSummary } from '../../../../src/runner/summary/text-summary.ts';
import { buildFixture } from './fixture.ts';

describe('renderTextSummary', () => {
  const text = renderTextSummary(buildFixture());
  const lines = text.split('\n');

  it('shows every threshold with ✓/✗ and the observed value, sub-metrics under their parent', () => {
    expect(lines).toContain('  █ THRESHOLDS');
    expect(lines).toContain("    ✓ 'p(95)<500' p(95)=28.02ms");
    expect(lines).toContain("    ✗ 'rate<0.01' rate=5.00%");
    expect(lines).toContain("    ✓ 'count<1' count=0");
    const sub = lines.indexOf('      { service:order-service }');
    expect(sub).toBeGreaterThan(lines.indexOf('    http_req_duration'));
    expect(lines[sub + 1]).toBe("      ✓ 'avg<20' avg=19ms");
  });

  it('shows check totals and each check with its pass percentage', () => {
    expect(lines).toContain('    checks_succeeded...: 95.00% 19 out of 20');
    expect(lines).toContain('    ✓ status is 200');
    expect(lines).toContain('      ✗ order created');
    expect(lines).toContain('        ↳  90% — ✓ 9 / ✗ 1');
  });

  it('groups metrics by section with aligned columns and indented sub-metrics', () => {
    const sections = ['    CUSTOM', '    HTTP', '    EXECUTION', '    NETWORK'].map((s) => lines.indexOf(s));
    expect(sections.every((index, i) => index > 0 && (i === 0 || index > sections[i - 1]!))).toBe(true);
    const http = lines.slice(sections[1]! + 1, sections[2]! - 1);
    expect(http).toHaveLength(5);
    const colons = new Set(http.map((l) => l.indexOf('.: ')));
    expect(colons.size).toBe(1);
    expect(lines).toContain(
      '      { expected_response:true }...: avg=19.5ms min=10ms med=19.01ms max=29ms p(90)=27.01ms p(95)=28.02ms',
    );
    expect(lines).toContain('    http_reqs......................: 20    10/s');
    expect(lines).toContain('    data_received...: 30 kB 15 kB/s');
    expect(lines).toContain('    vus..........: 4  min=4 max=4');
  });

  it('uses ANSI colors only when asked, and an optional indent', () => {
    expect(text).not.toContain('\x1b[');
    const colored = renderTextSummary(buildFixture(), { colors: true, indent: '> ' });
    expect(colored).toContain('\x1b[32m✓\x1b[0m');
    expect(colored).toContain('\x1b[31m✗\x1b[0m');
    expect(
      colored
        .split('\n')
        .filter((l) => l !== '')
        .every((l) => l.startsWith('> ')),
    ).toBe(true);
  });
});
