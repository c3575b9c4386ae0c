import { describe, expect, it } from 'vitest';
import { validateTrendStats } from '../../../../src/runner/summary/summary-data.ts';
import { toSummaryExport } from '../../../../src/runner/summary/summary-export.ts';
import { buildFixture, rootGroup } from './fixture.ts';

describe('buildSummaryData', () => {
  const data = buildFixture();

  it('has k6 handleSummary top-level keys, options and state', () => {
    expect(Object.keys(data).sort()).toEqual(['metrics', 'options', 'root_group', 'setup_data', 'state']);
    expect(data.options).toEqual({
      summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'],
      summaryTimeUnit: '',
      noColor: true,
    });
    expect(data.state).toEqual({ isStdOutTTY: false, isStdErrTTY: true, testRunDurationMs: 2000 });
    expect(data.root_group).toBe(rootGroup);
    expect(data.setup_data).toEqual({ token: 'abc' });
  });

  it('lists observed metrics, threshold sub-metrics and the default sub-metric, not unused ones', () => {
    expect(Object.keys(data.metrics)).toEqual([
      'cart_value',
      'cart_value{tier:gold}',
      'checks',
      'data_received',
      'http_req_duration',
      'http_req_duration{expected_response:true}',
      'http_req_duration{service:order-service}',
      'http_req_failed',
      'http_reqs',
      'iterations',
      'unused_errors',
      'vus',
    ]);
  });

  it('gives each type its k6 values, trend stats plus threshold percentiles', () => {
    const m = data.metrics;
    expect(m.http_reqs).toEqual({ type: 'counter', contains: 'default', values: { count: 20, rate: 10 } });
    expect(m.vus).toEqual({ type: 'gauge', contains: 'default', values: { value: 4, min: 4, max: 4 } });
    expect(m.http_req_failed).toEqual({
      type: 'rate',
      contains: 'default',
      values: { rate: 0.05, passes: 1, fails: 19 },
      thresholds: { 'rate<0.01': { ok: false } },
    });
    const duration = m.http_req_duration!;
    expect(duration.type).toBe('trend');
    expect(duration.contains).toBe('time');
    expect(Object.keys(duration.values)).toEqual(['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)']);
    expect(duration.values.avg).toBe(19.5);
    expect(duration.thresholds).toEqual({ 'p(95)<500': { ok: true }, 'p(99)<1000': { ok: true } });
    expect(m['http_req_duration{service:order-service}']?.values.avg).toBe(19);
    expect(m['http_req_duration{service:order-service}']?.thresholds).toEqual({ 'avg<20': { ok: true } });
    expect(m.unused_errors).toEqual({
      type: 'counter',
      contains: 'default',
      values: { count: 0, rate: 0 },
      thresholds: { 'count<1': { ok: true } },
    });
    expect(m['cart_value{tier:gold}']?.values).toEqual({
      avg: 0,
      min: 0,
      med: 0,
      max: 0,
      'p(90)': 0,
      'p(95)': 0,
    });
  });

  it('validates summaryTrendStats', () => {
    expect(validateTrendStats(['avg', 'count', 'p(99.9)', 'p(0)'])).toEqual([]);
    expect(validateTrendStats(['mean', 'p(101)'])).toHaveLength(2);
  });
});

describe('toSummaryExport', () => {
  const exported = toSummaryExport(buildFixture());

  it('flattens metrics, inverts threshold flags and renames rate to value', () => {
    expect(exported.metrics.http_req_failed).toEqual({
      passes: 1,
      fails: 19,
      thresholds: { 'rate<0.01': true },
      value: 0.05,
    });
    expect(exported.metrics.http_reqs).toEqual({ count: 20, rate: 10 });
    expect(exported.metrics.http_req_duration?.thresholds).toEqual({
      'p(95)<500': false,
      'p(99)<1000': false,
    });
    expect(Object.keys(exported).sort()).toEqual(['metrics', 'root_group', 'setup_data']);
  });

  it('keys groups and checks by name', () => {
    expect(Object.keys(exported.root_group.checks)).toEqual(['status is 200']);
    expect(exported.root_group.groups.checkout?.checks['order created']).toEqual({
      name: 'order created',
      path: '::checkout::order created',
      id: 'c1',
      passes: 9,
      fails: 1,
    });
    expect(exported.root_group.groups.checkout?.groups).toEqual({});
  });
});
