// A small finished test run shared by the summary tests: registry, thresholds, groups and checks.
import { MetricRegistry } from '../../../../src/runner/metrics/registry.ts';
import { evaluateThresholds } from '../../../../src/runner/thresholds/evaluate-thresholds.ts';
import { parseThresholds } from '../../../../src/runner/thresholds/parse-threshold.ts';
import {
  buildSummaryData,
  type GroupNode,
  type SummaryData,
} from '../../../../src/runner/summary/summary-data.ts';

const T0 = 1_700_000_000_000;

export const rootGroup: GroupNode = {
  name: '',
  path: '',
  id: 'd41d8cd98f00b204e9800998ecf8427e',
  groups: [
    {
      name: 'checkout',
      path: '::checkout',
      id: 'b1f6fd3d2fa1a4b4d6d8a4bbd0d2ac0e',
      groups: [],
      checks: [{ name: 'order created', path: '::checkout::order created', id: 'c1', passes: 9, fails: 1 }],
    },
  ],
  checks: [{ name: 'status is 200', path: '::status is 200', id: 'c0', passes: 10, fails: 0 }],
};

export function buildFixture(
  summaryTrendStats = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'],
): SummaryData {
  const registry = new MetricRegistry();
  registry.define('cart_value', 'trend');
  registry.define('unused_errors', 'counter');
  const parsed = parseThresholds(
    {
      http_req_duration: ['p(95)<500', 'p(99)<1000'],
      'http_req_duration{service:order-service}': ['avg<20'],
      http_req_failed: ['rate<0.01'],
      unused_errors: ['count<1'],
      'cart_value{tier:gold}': [],
    },
    (n) => registry.typeOf(n),
  );
  for (const key of parsed.metricKeys) if (key.includes('{')) registry.defineSubmetric(key);
  for (let i = 0; i < 20; i++) {
    const service = i % 2 === 0 ? 'order-service' : 'product-service';
    const tags = { service, expected_response: 'true', status: '200' };
    registry.add('http_req_duration', 10 + i, tags, T0 + i * 100);
    registry.add('http_reqs', 1, tags, T0 + i * 100);
    registry.add('http_req_failed', i === 7, tags, T0 + i * 100);
    registry.add('checks', i !== 3, {}, T0 + i * 100);
    registry.add('data_received', 1500, {}, T0 + i * 100);
  }
  registry.add('iterations', 20, {}, T0);
  registry.add('vus', 4, {}, T0);
  registry.add('cart_value', 42, {}, T0);
  const thresholds = evaluateThresholds(parsed.specs, registry, 2000);
  return buildSummaryData({
    registry,
    thresholds,
    rootGroup,
    options: { summaryTrendStats, noColor: true },
    testRunDurationMs: 2000,
    setupData: { token: 'abc' },
    isStdOutTTY: false,
    isStdErrTTY: true,
  });
}
