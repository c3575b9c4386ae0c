// SyncHttpClient's failure bounds with real helper threads: a helper that cannot load, or one that
// never replies, turns into status-0 responses within the stated budget instead of a hung VU thread.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncHttpClient } from '../../../src/runner/http/sync-http-client.ts';
import type { OutgoingRequest } from '../../../src/runner/http/send-request.ts';

const request = (timeoutMs: number): OutgoingRequest => ({
  origin: 'http://127.0.0.1:1',
  path: '/',
  method: 'GET',
  headers: [],
  body: null,
  timeoutMs,
  keepBody: true,
  hostPort: '127.0.0.1:1',
});

let client: SyncHttpClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('SyncHttpClient', () => {
  it('maps a refused connection to status 0 / 1212 through the real helper', () => {
    client = new SyncHttpClient();
    const [response] = client.send([request(2000)], 2000);
    expect(response).toMatchObject({ status: 0, failure: { code: 1212 } });
    expect(client.started).toBe(true);
  });

  it('a helper whose entry cannot load fails fast with status 0 / 1000, now and on later calls', () => {
    const errors: string[] = [];
    client = new SyncHttpClient({
      entry: new URL('./fixtures/does-not-exist.ts', import.meta.url),
      onError: (message) => errors.push(message),
    });
    const startMs = performance.now();
    const responses = client.send([request(30_000), request(30_000)], 30_000);
    expect(performance.now() - startMs).toBeLessThan(15_000);
    expect(responses).toHaveLength(2);
    for (const r of responses) {
      expect(r.status).toBe(0);
      expect(r.failure?.code).toBe(1000);
      expect(r.failure?.message).toContain('sync HTTP helper worker unavailable');
    }
    expect(client.send([request(30_000)], 30_000)[0]?.failure?.code).toBe(1000);
  });

  it('a reply overdue past timeout + margin gives status 0 / 1050 (request timeout)', () => {
    client = new SyncHttpClient({
      entry: new URL('./fixtures/silent-sync-http-helper.ts', import.meta.url),
      marginMs: 100,
    });
    const startMs = performance.now();
    const [response] = client.send([request(200)], 200);
    const waitedMs = performance.now() - startMs;
    expect(response).toMatchObject({ status: 0, failure: { code: 1050, message: 'request timeout' } });
    expect(waitedMs).toBeGreaterThanOrEqual(290);
    // the startup allowance ends when the helper reports ready: the wait is timeout + margin after that
    expect(waitedMs).toBeLessThan(5_000);
  });

  it('after close() calls fail at once instead of restarting the helper', async () => {
    client = new SyncHttpClient();
    await client.close();
    const [response] = client.send([request(1000)], 1000);
    expect(response?.failure?.message).toContain('the run has ended');
    expect(client.started).toBe(false);
  });
});
