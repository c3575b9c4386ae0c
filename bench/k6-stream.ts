// Benchmark of the k6 stream consumer's memory on a long stream: the fake k6
// (test/fixtures/fake-k6) writes `--samples` request-shaped Point lines (6 per request, six services)
// into the named pipe a streamed run uses; this process aggregates them as the k6 engine does
// (per-second lines written to a time-series file, whole-run sinks, abortOnFail thresholds evaluated
// every 2 s) and prints RSS, heap (after a GC) and what the aggregates retain at 1M, 5M and 10M
// samples, beside what real k6 would have kept for its own summary (~200 bytes per request,
// grafana/k6#763). Flat figures are the point; fails nothing.
// Run: npm run bench:k6-stream [-- --samples <n>] [--rate <req/s of sample time>]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openSamplesPipe } from '../src/engine/k6-stream/samples-pipe.ts';
import { createK6StreamAggregator } from '../src/engine/k6-stream/stream-aggregator.ts';
import { abortingThreshold, THRESHOLD_EVALUATION_MS } from '../src/engine/k6-stream/threshold-abort.ts';
import { TimeSeriesWriter } from '../src/results/timeseries-file.ts';
import { parseThresholds } from '../src/runner/thresholds/parse-threshold.ts';

const { values: flags } = parseArgs({
  options: {
    samples: { type: 'string', default: '10000000' },
    rate: { type: 'string', default: '1000' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write(
    'npm run bench:k6-stream [-- --samples <n, default 10000000>] [--rate <requests/s of sample time, default 1000>]\n',
  );
  process.exit(0);
}
const samples = Number(flags.samples);
const rate = Number(flags.rate);
if (!(samples > 0) || !(rate > 0))
  throw new Error(`--samples and --rate must be positive (got ${flags.samples}, ${flags.rate})`);

const SAMPLES_PER_REQUEST = 6;
/** What real k6 keeps per request for its summary and thresholds, measured in issue 12. */
const K6_BYTES_PER_REQUEST = 200;
const milestones = [1_000_000, 5_000_000, 10_000_000, 20_000_000, 50_000_000].filter((m) => m <= samples);
if (!milestones.includes(samples)) milestones.push(samples);

const THRESHOLDS = {
  http_req_duration: ['p(95)<500'],
  'http_req_duration{service:order-service}': ['p(99)<1000'],
  'http_req_failed{service:payment-service}': [],
  http_req_failed: [{ threshold: 'rate<0.5', abortOnFail: true, delayAbortEval: '10s' }],
  checks: ['rate>0.9'],
};

const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const work = mkdtempSync(path.join(tmpdir(), 'bench-k6-stream-'));
const seriesPath = path.join(work, 'timeseries.ndjson');
const writer = new TimeSeriesWriter(seriesPath);
const aggregator = createK6StreamAggregator({
  submetrics: Object.keys(THRESHOLDS),
  onSeconds: (lines) => writer.writeSeconds(lines),
});
const specs = parseThresholds(THRESHOLDS, () => true).specs;
const pipe = await openSamplesPipe();
const fakeK6 = path.resolve(import.meta.dirname, '../test/fixtures/fake-k6/k6');
const k6 = spawn(
  fakeK6,
  ['run', '--no-thresholds', '--summary-mode=disabled', '--out', `json=${pipe.path}`, 'bench.js'],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      FAKE_K6_LOG: path.join(work, 'argv.ndjson'),
      FAKE_K6_SAMPLES: String(samples),
      FAKE_K6_RATE: String(rate),
      FAKE_K6_START_MS: String(Date.UTC(2026, 0, 1)),
      RESULTS_DIR: work,
    },
  },
);
k6.on('exit', () => pipe.writerDone());
const watch = setInterval(() => {
  aggregator.flushSeconds();
  abortingThreshold(aggregator.aggregates, specs);
}, THRESHOLD_EVALUATION_MS);

process.stdout.write(
  `k6 stream consumer: ${samples.toLocaleString('en')} samples (${SAMPLES_PER_REQUEST} per request, ${rate} req/s of sample time) through a named pipe\n\n`,
);
const header = [
  'samples',
  'elapsed',
  'samples/s',
  'RSS',
  'heap used',
  'retained (metrics+sub, open s, open buckets)',
  'k6 would hold',
];
process.stdout.write(`${header.join(' | ')}\n${header.map(() => '---').join(' | ')}\n`);
const started = performance.now();
let next = 0;
for await (const line of createInterface({ input: pipe.readable, crlfDelay: Number.POSITIVE_INFINITY })) {
  aggregator.push(line);
  if (aggregator.aggregates.samples < milestones[next]!) continue;
  const elapsedS = (performance.now() - started) / 1000;
  aggregator.flushSeconds();
  gc?.();
  const memory = process.memoryUsage();
  const retained = aggregator.stats();
  const requests = aggregator.aggregates.samples / SAMPLES_PER_REQUEST;
  process.stdout.write(
    `${[
      aggregator.aggregates.samples.toLocaleString('en'),
      `${elapsedS.toFixed(1)} s`,
      Math.round(aggregator.aggregates.samples / elapsedS).toLocaleString('en'),
      mib(memory.rss),
      mib(memory.heapUsed),
      `${retained.metrics + retained.submetrics}, ${retained.openSeconds}, ${retained.openBuckets}`,
      mib(requests * K6_BYTES_PER_REQUEST),
    ].join(' | ')}\n`,
  );
  if (++next >= milestones.length) next = milestones.length - 1;
}
clearInterval(watch);
aggregator.finish();
await writer.close();
await pipe.remove();
const stats = aggregator.stats();
process.stdout.write(
  `\n${stats.points.toLocaleString('en')} samples, ${stats.skipped} skipped; ${stats.lines.toLocaleString('en')} time-series lines (${mib(statSync(seriesPath).size)} on disk); peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}${gc ? '' : ' (run with --expose-gc for heap after GC)'}\n`,
);
rmSync(work, { recursive: true, force: true });
