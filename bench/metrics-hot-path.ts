// Micro-benchmark of the runner's metrics hot path: cost per HTTP request (9 samples, as the http
// module emits them) with sub-metrics, with and without per-second buckets, plus delta and k6 JSON
// encoding costs. Prints figures only (no pass/fail). Run: npx tsx bench/metrics-hot-path.ts
import { MetricRegistry } from '../src/runner/metrics/registry.ts';
import { K6JsonEncoder } from '../src/runner/output/k6-json-encode.ts';

const REQUESTS = 200_000;
const SERVICES = ['customer-service', 'order-service', 'product-service', 'payment-service'];
const T0 = Date.UTC(2026, 0, 1);
const TREND_SAMPLES = [
  'http_req_duration',
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
];

function makeRegistry(timeSeries: boolean): MetricRegistry {
  const registry = new MetricRegistry({ timeSeries });
  for (const service of SERVICES) registry.defineSubmetric(`http_req_duration{service:${service}}`);
  registry.defineSubmetric('http_req_failed{service:order-service}');
  return registry;
}

function requestTags(i: number) {
  const service = SERVICES[i % SERVICES.length]!;
  return Object.freeze({
    scenario: 'default',
    method: 'GET',
    status: '200',
    expected_response: 'true',
    service,
    name: service,
    url: `http://127.0.0.1/x/${i}`,
  });
}

function run(registry: MetricRegistry, onRequest?: (i: number) => void): number {
  const start = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const tags = requestTags(i);
    const timeMs = T0 + i * 0.5; // 2000 requests per second of test time
    registry.add('http_reqs', 1, tags, timeMs);
    for (const name of TREND_SAMPLES) registry.add(name, 1 + ((i * 7919) % 300) / 3, tags, timeMs);
    registry.add('http_req_failed', i % 100 === 0, tags, timeMs);
    onRequest?.(i);
  }
  return ((performance.now() - start) * 1000) / REQUESTS;
}

for (const timeSeries of [false, true]) {
  const registry = makeRegistry(timeSeries);
  run(registry); // warm-up
  const perRequestUs = run(makeRegistry(timeSeries));
  console.log(
    `registry.add, timeSeries=${timeSeries}: ${perRequestUs.toFixed(2)} µs/request (${(perRequestUs / 9).toFixed(3)} µs/sample)`,
  );
}

const worker = makeRegistry(true);
let deltaMs = 0;
let deltas = 0;
const perRequestWithDeltas = run(worker, (i) => {
  if (i % 2000 !== 1999) return; // one delta per second of test time, as a worker would post
  const start = performance.now();
  structuredClone(worker.takeDelta());
  deltaMs += performance.now() - start;
  deltas++;
});
console.log(
  `worker with 1 delta/s: ${perRequestWithDeltas.toFixed(2)} µs/request; takeDelta+clone ${(deltaMs / deltas).toFixed(2)} ms each`,
);

const main = makeRegistry(true);
const source = makeRegistry(true);
run(source, (i) => {
  if (i % 2000 === 1999) main.mergeDelta(source.takeDelta());
});
const encoder = new K6JsonEncoder();
const start = performance.now();
for (let i = 0; i < REQUESTS; i++) {
  const tags = requestTags(i);
  for (const name of TREND_SAMPLES) encoder.add(name, 12.345, tags, T0 + i * 0.5);
  if (encoder.size > 20_000) encoder.take();
}
console.log(
  `k6 JSON encoding: ${(((performance.now() - start) * 1000) / (REQUESTS * TREND_SAMPLES.length)).toFixed(3)} µs/sample`,
);
const memory = process.memoryUsage();
console.log(`heapUsed after all runs: ${(memory.heapUsed / 1e6).toFixed(1)} MB`);
