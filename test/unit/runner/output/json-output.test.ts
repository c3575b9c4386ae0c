import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { MetricRegistry } from '../../../../src/runner/metrics/registry.ts';
import { K6JsonEncoder } from '../../../../src/runner/output/k6-json-encode.ts';
import { K6JsonOutput } from '../../../../src/runner/output/json-output.ts';

const dir = mkdtempSync(join(tmpdir(), 'k6-json-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A binary-exact fraction: epoch ms doubles only resolve ~0.24 µs, so 625.5 ms formats exactly.
const T = Date.UTC(2024, 4, 9, 12, 34, 45, 625) + 0.5;

describe('K6JsonOutput', () => {
  const registry = new MetricRegistry();
  const describeMetric = (n: string) => registry.describe(n);

  it('writes k6 line format: Metric line first, RFC3339Nano time, ms values, tags or null', async () => {
    const path = join(dir, 'out.json');
    const out = new K6JsonOutput(path, {
      describe: describeMetric,
      thresholds: {
        http_req_duration: [
          'p(95)<500',
          { threshold: 'p(99)<900', abortOnFail: true, delayAbortEval: '10s' },
        ],
      },
    });
    const tags = Object.freeze({ status: '200', url: 'http://127.0.0.1/x' });
    out.addSample('http_req_duration', 12.5, tags, T);
    out.addSample('http_req_duration', 7, tags, T + 1000);
    out.addSample('vus', 3, null, T, { trace_id: 'abc' });
    await out.close();
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      '{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(95)<500",{"threshold":"p(99)<900","abortOnFail":true,"delayAbortEval":"10s"}],"submetrics":[{"name":"http_req_duration{expected_response:true}","suffix":"expected_response:true","tags":{"expected_response":"true"}}]},"metric":"http_req_duration"}',
      '{"metric":"http_req_duration","type":"Point","data":{"time":"2024-05-09T12:34:45.6255Z","value":12.5,"tags":{"status":"200","url":"http://127.0.0.1/x"}}}',
      '{"metric":"http_req_duration","type":"Point","data":{"time":"2024-05-09T12:34:46.6255Z","value":7,"tags":{"status":"200","url":"http://127.0.0.1/x"}}}',
      '{"type":"Metric","data":{"name":"vus","type":"gauge","contains":"default","thresholds":[],"submetrics":null},"metric":"vus"}',
      '{"metric":"vus","type":"Point","data":{"time":"2024-05-09T12:34:45.6255Z","value":3,"tags":null,"metadata":{"trace_id":"abc"}}}',
      '',
    ]);
  });

  it('accepts worker batches, flushes when the buffer is full, and gzips .gz files', async () => {
    const path = join(dir, 'out.json.gz');
    const out = new K6JsonOutput(path, {
      describe: describeMetric,
      maxBufferedLines: 3,
      flushIntervalMs: 60_000,
    });
    const worker = new K6JsonEncoder();
    for (let i = 0; i < 4; i++) worker.add('http_reqs', 1, { i: String(i) }, T + i);
    out.addBatch(structuredClone(worker.take()));
    expect(out.pointsWritten).toBe(4);
    out.addSample('http_reqs', 1, null, T + 10);
    await out.close();
    const lines = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.filter((l) => l.startsWith('{"type":"Metric"'))).toHaveLength(1);
    expect(lines[0]).toContain('"name":"http_reqs"');
  });
});
