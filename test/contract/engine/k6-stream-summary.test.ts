// The summary the harness computes from a k6 JSON stream equals the one the local runner computes
// from the same samples: a small script (HTTP with tagged sub-metrics, checks in and out of a group,
// every custom metric type, thresholds) runs on the local runner with `--out json`; its file is then
// streamed through the k6 consumer and summarised. Same metrics, values, threshold outcomes and
// root_group, to the bit.
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createK6StreamAggregator, summaryFromAggregates } from '../../../src/engine/k6-stream/index.ts';
import { runLocal } from '../../../src/runner/run.ts';

const THRESHOLDS = {
  http_req_duration: ['p(95)<2000', 'avg<1000'],
  'http_req_duration{kind:slow}': ['p(99)<5000'],
  'http_req_failed{kind:fail}': [],
  orders: ['count>10'],
  'think_time{step:pay}': ['max<100'],
  // 'fail is fast' passes or fails with the machine's load: at most 1 check in 4 fails, so > 0.5 holds.
  checks: ['rate>0.5'],
};
const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

const SCRIPT = `
import http from 'k6/http';
import { check, group } from 'k6';
import { Counter, Gauge, Rate, Trend } from 'k6/metrics';
const orders = new Counter('orders');
const think = new Trend('think_time', true);
const paid = new Rate('paid');
const queue = new Gauge('queue_depth');
export const options = {
  scenarios: { main: { executor: 'per-vu-iterations', vus: 3, iterations: 25 } },
  thresholds: ${JSON.stringify(THRESHOLDS)},
  summaryTrendStats: ${JSON.stringify(TREND_STATS)},
};
export default async function () {
  const fast = await http.asyncRequest('GET', __ENV.BASE + '/fast', null, { tags: { kind: 'fast' } });
  const slow = await http.asyncRequest('GET', __ENV.BASE + '/slow', null, { tags: { kind: 'slow' } });
  const fail = await http.asyncRequest('GET', __ENV.BASE + '/fail', null, { tags: { kind: 'fail' } });
  check(fast, { 'fast is 200': (r) => r.status === 200 });
  check(slow, { 'slow is 200': (r) => r.status === 200 });
  group('checkout', () => {
    check(fail, { 'fail is 500': (r) => r.status === 500, 'fail is fast': (r) => r.timings.duration < 1 });
    orders.add(2, { step: 'pay' });
    think.add(__ITER * 1.5 + __VU, { step: __ITER % 2 ? 'pay' : 'browse' });
    paid.add(__ITER % 3 === 0);
    queue.add(__ITER * __VU);
  });
}
`;

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const reply = () => {
      res.statusCode = req.url === '/fail' ? 500 : 200;
      res.end('ok');
    };
    if (req.url === '/slow') setTimeout(reply, 15);
    else reply();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('summary from the k6 JSON stream = the local runner’s summary of the same samples', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'k6-stream-summary-'));
  const scriptPath = path.join(work, 'script.js');
  writeFileSync(scriptPath, SCRIPT);
  const outJsonPath = path.join(work, 'samples.json');
  const local = await runLocal({
    scriptPath,
    env: { BASE: base },
    outJsonPath,
    workers: 1,
    quiet: true,
    stdout: () => {},
    stderr: () => {},
  });
  expect(local.exitCode).toBe(0);

  const aggregator = createK6StreamAggregator({ submetrics: Object.keys(THRESHOLDS) });
  await aggregator.consumeStream(createReadStream(outJsonPath));
  aggregator.finish();
  expect(aggregator.stats().skipped).toBe(0);
  const streamed = summaryFromAggregates(aggregator.aggregates, {
    thresholds: THRESHOLDS,
    summaryTrendStats: TREND_STATS,
    testRunDurationMs: local.summaryData.state.testRunDurationMs,
  });

  // The run did what the comparison needs: requests, failures, sub-metrics, a group with checks.
  expect(local.summaryData.metrics.http_reqs?.values.count).toBe(225);
  expect(local.summaryData.metrics['http_req_failed{kind:fail}']?.values).toMatchObject({ passes: 75 });
  expect(local.summaryData.root_group.groups.map((g) => g.name)).toEqual(['checkout']);
  expect(Object.keys(local.summaryData.metrics)).toEqual(
    expect.arrayContaining([
      'orders',
      'think_time',
      'paid',
      'queue_depth',
      'http_req_duration{expected_response:true}',
    ]),
  );

  expect(streamed.metrics).toEqual(local.summaryData.metrics);
  expect(streamed.root_group).toEqual(local.summaryData.root_group);
  expect(streamed.options).toEqual(local.summaryData.options);
}, 60_000);
