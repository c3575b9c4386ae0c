// Series names and labels as k6's experimental-prometheus-rw output writes them: the dashboard and
// anyone's PromQL depend on these exact names.
import { describe, expect, it } from 'vitest';
import {
  inBaseUnit,
  parseTrendStats,
  seriesLabels,
  seriesNames,
  withName,
} from '../../../../../src/runner/output/prometheus-rw/metric-naming.ts';

describe('series names', () => {
  const p99 = parseTrendStats('p(99)').stats;

  it('prefixes k6_ and suffixes by type: counter _total, rate _rate, gauge none, trend _<stat>', () => {
    expect(seriesNames('http_reqs', 'counter', p99)).toEqual(['k6_http_reqs_total']);
    expect(seriesNames('http_req_failed', 'rate', p99)).toEqual(['k6_http_req_failed_rate']);
    expect(seriesNames('vus', 'gauge', p99)).toEqual(['k6_vus']);
    expect(seriesNames('http_req_duration', 'trend', p99)).toEqual(['k6_http_req_duration_p99']);
  });

  it('names every trend stat of the list, percentiles without parentheses or dots', () => {
    const { stats, problems } = parseTrendStats('p(95), p(99.9),avg,med,min,max,count,sum,p(95)');
    expect(problems).toEqual([]);
    expect(seriesNames('iteration_duration', 'trend', stats)).toEqual([
      'k6_iteration_duration_p95',
      'k6_iteration_duration_p999',
      'k6_iteration_duration_avg',
      'k6_iteration_duration_med',
      'k6_iteration_duration_min',
      'k6_iteration_duration_max',
      'k6_iteration_duration_count',
      'k6_iteration_duration_sum',
    ]);
  });

  it('rejects stats k6 does not know, naming each', () => {
    const { problems } = parseTrendStats('p(99),p95,p(101),,mean');
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/unknown trend stat "p95"/);
    expect(problems.join('\n')).toMatch(/"p\(101\)"[\s\S]*""[\s\S]*"mean"/);
  });

  it('sends time trends in seconds, except their count', () => {
    expect(inBaseUnit('time', 'p(99)', 250)).toBe(0.25);
    expect(inBaseUnit('time', 'sum', 1500)).toBe(1.5);
    expect(inBaseUnit('time', 'count', 7)).toBe(7);
    expect(inBaseUnit('data', 'max', 1024)).toBe(1024);
    expect(inBaseUnit('default', 'avg', 3)).toBe(3);
  });
});

describe('labels', () => {
  it('are the tags without empty ones, sorted by name, with __name__ at its sorted place', () => {
    const labels = seriesLabels({ status: '200', group: '', service: 'order-service', Zone: 'a' }, {});
    expect(labels).toEqual([
      ['Zone', 'a'],
      ['service', 'order-service'],
      ['status', '200'],
    ]);
    expect(withName('k6_http_reqs_total', labels).map(([n]) => n)).toEqual([
      'Zone',
      '__name__',
      'service',
      'status',
    ]);
  });

  it('turn characters Prometheus rejects in a label name into _ (one would fail the whole push)', () => {
    expect(seriesLabels({ 'my-tag': 'x', '1st': 'y', 'a.b': 'z' }, {})).toEqual([
      ['_1st', 'y'],
      ['a_b', 'z'],
      ['my_tag', 'x'],
    ]);
  });

  it('add static labels, which lose against a tag of the same name; a __name__ tag is never a label', () => {
    expect(seriesLabels({ env: 'tag', __name__: 'x' }, { env: 'static', testid: 'r1' })).toEqual([
      ['env', 'tag'],
      ['testid', 'r1'],
    ]);
  });
});
