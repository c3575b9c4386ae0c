// The output against a loopback receiver: protocol headers and auth, periodic pushes, the last push
// at close, and failures that warn without failing the run and are made good by the next push.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricRegistry } from '../../../../../src/runner/metrics/registry.ts';
import { PrometheusRwOutput } from '../../../../../src/runner/output/prometheus-rw/prometheus-rw-output.ts';
import { readRemoteWriteConfig } from '../../../../../src/runner/output/prometheus-rw/rw-config.ts';
import {
  type DecodedSeries,
  decodeWriteRequest,
} from '../../../../../src/runner/output/prometheus-rw/write-request.ts';

interface Received {
  headers: IncomingMessage['headers'];
  series: DecodedSeries[];
}

const registry = new MetricRegistry();
let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

/** A receiver answering with `status(n)` for the n-th request (0-based), or never when it returns 0. */
async function receiver(status: (n: number) => number = () => 204) {
  const received: Received[] = [];
  let requests = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const code = status(requests++);
      if (code === 0) return; // hang
      if (code < 300)
        received.push({ headers: req.headers, series: decodeWriteRequest(Buffer.concat(chunks)) });
      res.writeHead(code).end(code < 300 ? '' : 'out of order sample');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/v1/write`;
  return { url, received, requests: () => requests };
}

function output(url: string, env: Record<string, string> = {}, finalPushTimeoutMs?: number) {
  const logs: string[] = [];
  const { config } = readRemoteWriteConfig({ K6_PROMETHEUS_RW_SERVER_URL: url, ...env });
  const out = new PrometheusRwOutput(config!, {
    describe: (n) => registry.describe(n),
    log: (level, message) => logs.push(`${level} ${message}`),
    finalPushTimeoutMs,
  });
  return { out, logs };
}

const lastValue = (received: Received[], name: string) =>
  received
    .flatMap((r) => r.series)
    .filter((s) => s.labels.__name__ === name)
    .at(-1)?.samples[0]?.value;

describe('PrometheusRwOutput', () => {
  it('pushes what is left at close, with the protocol headers and basic auth', async () => {
    const rx = await receiver();
    const { out } = output(rx.url, { K6_PROMETHEUS_RW_USERNAME: 'u', K6_PROMETHEUS_RW_PASSWORD: 'p' });
    out.start();
    out.addSample('http_reqs', 1, { service: 'a' }, Date.now());
    out.addSample('http_reqs', 1, { service: 'a' }, Date.now());
    expect(rx.received).toEqual([]); // nothing before the 5 s interval
    await out.close();
    expect(rx.received).toHaveLength(1);
    expect(rx.received[0]!.headers).toMatchObject({
      'content-encoding': 'snappy',
      'content-type': 'application/x-protobuf',
      'x-prometheus-remote-write-version': '0.1.0',
      authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
    });
    expect(lastValue(rx.received, 'k6_http_reqs_total')).toBe(2);
  });

  it('pushes every interval while the run goes on', async () => {
    const rx = await receiver();
    const { out } = output(rx.url, { K6_PROMETHEUS_RW_PUSH_INTERVAL: '50ms' });
    out.start();
    out.addSample('vus', 4, {}, Date.now());
    await new Promise((r) => setTimeout(r, 300));
    expect(lastValue(rx.received, 'k6_vus')).toBe(4);
    out.addSample('vus', 6, {}, Date.now());
    await out.close();
    expect(lastValue(rx.received, 'k6_vus')).toBe(6);
  });

  it('warns once on failed pushes, and a later push sends the series again', async () => {
    const rx = await receiver((n) => (n < 3 ? 500 : 204));
    const { out, logs } = output(rx.url, { K6_PROMETHEUS_RW_PUSH_INTERVAL: '50ms' });
    out.start();
    out.addSample('http_reqs', 1, { service: 'a' }, Date.now());
    await new Promise((r) => setTimeout(r, 600));
    expect(logs.filter((l) => l.startsWith('warn'))).toEqual([
      expect.stringMatching(
        /push to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/write failed \(HTTP 500: out of order sample\); the run goes on/,
      ),
    ]);
    expect(logs).toContainEqual(expect.stringMatching(/^info .*pushes land again \(after \d+ failed\)/));
    expect(lastValue(rx.received, 'k6_http_reqs_total')).toBe(1);
    await out.close();
  });

  it('retries a failing push twice with backoff, then gives up with a warning', async () => {
    const rx = await receiver(() => 503);
    const { out, logs } = output(rx.url);
    out.addSample('http_reqs', 1, {}, Date.now());
    await out.close();
    expect(rx.requests()).toBe(3);
    expect(logs).toEqual([expect.stringMatching(/^warn .*the last push to .* failed \(HTTP 503/)]);
  });

  it('does not retry what a retry cannot fix (a 4xx answer)', async () => {
    const rx = await receiver(() => 400);
    const { out } = output(rx.url);
    out.addSample('http_reqs', 1, {}, Date.now());
    await out.close();
    expect(rx.requests()).toBe(1);
  });

  it('gives the last push a bounded time when the endpoint hangs, and says the end is missing', async () => {
    const rx = await receiver(() => 0);
    const { out, logs } = output(rx.url, {}, 400);
    out.addSample('http_reqs', 1, {}, Date.now());
    const started = Date.now();
    await out.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(logs).toEqual([
      expect.stringMatching(/^warn .*the last push to .* failed .*the end of the run is missing/),
    ]);
    expect(rx.requests()).toBeGreaterThanOrEqual(1);
  });
});
