import { describe, expect, it } from 'vitest';
import { MetricRegistry } from '../../../src/runner/metrics/registry.ts';
import { collectRunWarnings, type WarningInput } from '../../../src/runner/run-warnings.ts';

const input = (overrides: Partial<WarningInput>): WarningInput => ({
  registry: new MetricRegistry({ timeSeries: false }),
  sleepUsed: false,
  syncHttpUsed: false,
  eventLoopDelayP99Ms: 0,
  interruptedIterations: 0,
  testRunDurationMs: 1000,
  ...overrides,
});

describe('collectRunWarnings', () => {
  it('is silent for a clean run', () => {
    expect(collectRunWarnings(input({}))).toEqual([]);
  });

  it('warns once that sync http serialises the VUs of a thread and points at asyncRequest', () => {
    const warnings = collectRunWarnings(input({ syncHttpUsed: true }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('blocks every VU of its thread');
    expect(warnings[0]).toContain('await http.asyncRequest(');
  });

  it('keeps the sleep() warning separate', () => {
    const warnings = collectRunWarnings(input({ sleepUsed: true, syncHttpUsed: true }));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('sleep() was called');
  });
});
