import { describe, expect, it } from 'vitest';
import { MetricRegistry } from '../../../src/runner/metrics/registry.ts';
import {
  collectRunWarnings,
  START_LAG_METRIC,
  START_LAG_MIN_STARTS,
  type WarningInput,
} from '../../../src/runner/run-warnings.ts';

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

  it('flags a start-lag p99 above 5 ms once there are enough starts to judge, not a handful of VU starts', () => {
    const lagged = (starts: number) => {
      const registry = new MetricRegistry({ timeSeries: false });
      registry.define(START_LAG_METRIC, 'trend', 'time');
      // Every start 8 ms late: what the p99 sees whatever the count.
      for (let i = 0; i < starts; i++) registry.add(START_LAG_METRIC, 8, { scenario: 'default' }, 1000);
      return collectRunWarnings(input({ registry }));
    };
    expect(lagged(10)).toEqual([]);
    expect(lagged(START_LAG_MIN_STARTS - 1)).toEqual([]);
    const warnings = lagged(START_LAG_MIN_STARTS);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/the load generator lagged: p99 start lag 8\.0 ms/);
  });
});
