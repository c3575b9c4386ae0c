import { describe, expect, it } from 'vitest';
import { MetricRegistry } from '../../../../src/runner/metrics/registry.ts';
import { parseThresholds } from '../../../../src/runner/thresholds/parse-threshold.ts';
import { parseThresholdExpression } from '../../../../src/runner/thresholds/threshold-expression.ts';

describe('parseThresholdExpression', () => {
  it.each([
    ['p(95)<500', 'p(95)', '<', 500],
    ['p(99.9) < 2000', 'p(99.9)', '<', 2000],
    ['  avg<=200 ', 'avg', '<=', 200],
    ['min>1', 'min', '>', 1],
    ['max >= 1.5', 'max', '>=', 1.5],
    ['med==3', 'med', '==', 3],
    ['value === 4', 'value', '===', 4],
    ['count != 0', 'count', '!=', 0],
    ['rate<0.01', 'rate', '<', 0.01],
    ['count>=500', 'count', '>=', 500],
    ['p(0)>0', 'p(0)', '>', 0],
    ['p(100)<1e3', 'p(100)', '<', 1000],
    ['p(99.90)<1', 'p(99.9)', '<', 1],
    ['p(90)<-1', 'p(90)', '<', -1],
  ])('%s → %s %s %s', (expression, aggregation, operator, value) => {
    expect(parseThresholdExpression(expression)).toEqual({
      ok: true,
      value: { aggregation, operator, value },
    });
  });

  it.each([
    ['p95<500', /unknown aggregation "p95"/],
    ['p(101)<5', /invalid percentile "p\(101\)".*0\.\.100/],
    ['p(-1)<5', /invalid percentile/],
    ['p(NaN)<5', /invalid percentile/],
    ['p( 95 )<5', /invalid percentile/],
    ['avg<NaN', /invalid threshold value "NaN"/],
    ['avg<abc', /invalid threshold value/],
    ['avg<', /invalid threshold value ""/],
    ['avg 500', /malformed threshold expression/],
    ['', /malformed/],
    ['mean<5', /unknown aggregation "mean"/],
    ['rate=<1', /unknown aggregation "rate="/],
  ])('rejects %j', (expression, message) => {
    const parsed = parseThresholdExpression(expression);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(message);
  });
});

describe('parseThresholds', () => {
  const registry = new MetricRegistry();
  registry.define('errors', 'counter');
  registry.define('cart_value', 'trend');
  const known = (name: string) => registry.typeOf(name);

  it('parses short and long forms, sub-metric keys and empty arrays', () => {
    const { specs, problems, metricKeys } = parseThresholds(
      {
        http_req_duration: [
          'p(95)<500',
          { threshold: 'p(99)<1000', abortOnFail: true, delayAbortEval: '10s' },
        ],
        'http_req_duration{ service:order-service, op:"order_create" }': ['avg<300'],
        'errors{kind:auth}': [],
        checks: ['rate>0.99'],
      },
      known,
    );
    expect(problems).toEqual([]);
    expect(metricKeys).toEqual([
      'http_req_duration',
      'http_req_duration{service:order-service, op:"order_create"}',
      'errors{kind:auth}',
      'checks',
    ]);
    expect(specs).toHaveLength(4);
    expect(specs[1]).toMatchObject({ aggregation: 'p(99)', abortOnFail: true, delayAbortEvalMs: 10_000 });
    expect(specs[2]).toMatchObject({
      metric: 'http_req_duration',
      selector: { service: 'order-service', op: 'order_create' },
      expression: 'avg<300',
    });
  });

  it('returns every problem, each naming the key, the expression and what was expected', () => {
    const { specs, problems } = parseThresholds(
      {
        http_reqs: ['p(95)<5', 'count>10'],
        vus: ['rate<1'],
        http_req_failed: ['avg<1', 'rate<0.01'],
        cart_value: ['value>1'],
        'http_req_duration{}': ['avg<1'],
        unknown_metric: ['count<1'],
        checks: 'rate>0.9',
        iterations: [
          42,
          { threshold: 'count>1', abortOnFail: 'yes' },
          { threshold: 'count>1', delayAbortEval: 'soon' },
        ],
        'http_req_duration{status}': ['avg<1'],
      },
      known,
    );
    expect(specs.map((s) => `${s.metricKey} ${s.expression}`)).toEqual([
      'http_reqs count>10',
      'http_req_failed rate<0.01',
    ]);
    expect(problems).toEqual([
      'thresholds["http_reqs"][0]: aggregation "p(95)" does not apply to counter metric http_reqs (got "p(95)<5", expected one of count, rate)',
      'thresholds["vus"][0]: aggregation "rate" does not apply to gauge metric vus (got "rate<1", expected one of value)',
      'thresholds["http_req_failed"][0]: aggregation "avg" does not apply to rate metric http_req_failed (got "avg<1", expected one of rate)',
      'thresholds["cart_value"][0]: aggregation "value" does not apply to trend metric cart_value (got "value>1", expected one of avg, min, max, med, p(N))',
      'thresholds["http_req_duration{}"]: empty tag filter (got "http_req_duration{}", expected at least one tag:value)',
      'thresholds["unknown_metric"]: unknown metric "unknown_metric" (expected a built-in metric or a custom metric created in the init context)',
      'thresholds["checks"]: invalid (got string, expected an array of threshold expressions)',
      'thresholds["iterations"][0]: invalid threshold (got number, expected a string or { threshold, abortOnFail, delayAbortEval })',
      'thresholds["iterations"][1].abortOnFail: not a boolean (got string, expected true or false)',
      'thresholds["iterations"][2].delayAbortEval: invalid duration (got "soon", expected e.g. "10s")',
      'thresholds["http_req_duration{status}"]: malformed tag filter "status" (got "http_req_duration{status}", expected tag:value)',
    ]);
  });

  it('checks built-in types without knownMetric and accepts custom names it cannot know', () => {
    const { problems } = parseThresholds({ http_reqs: ['avg<1'], my_custom: ['count<1'] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/does not apply to counter metric http_reqs/);
  });

  it('rejects a non-object thresholds option', () => {
    expect(parseThresholds(['p(95)<1']).problems).toEqual([
      'thresholds: invalid (got array, expected an object of metric key → expressions)',
    ]);
    expect(parseThresholds(undefined)).toEqual({ specs: [], problems: [], metricKeys: [] });
  });
});
