// K6_PROMETHEUS_RW_* as k6 reads them: defaults, every supported variable, and problems that name
// the variable (the harness turns them into exit 104 before load).
import { describe, expect, it } from 'vitest';
import { readRemoteWriteConfig } from '../../../../../src/runner/output/prometheus-rw/rw-config.ts';

const URL_ENV = { K6_PROMETHEUS_RW_SERVER_URL: 'http://127.0.0.1:9090/api/v1/write' };

describe('readRemoteWriteConfig', () => {
  it("has k6's defaults: localhost:9090, a 5 s push interval, trend stat p(99), TLS 1.3", () => {
    const { config, problems } = readRemoteWriteConfig({});
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      serverUrl: 'http://localhost:9090/api/v1/write',
      pushIntervalMs: 5000,
      trendStats: [{ stat: 'p(99)', suffix: 'p99' }],
      insecureSkipTlsVerify: false,
      tlsMinVersion: 'TLSv1.3',
      headers: {},
      staticLabels: {},
    });
  });

  it('reads interval, stats, basic auth, headers, labels, TLS options', () => {
    const { config } = readRemoteWriteConfig({
      ...URL_ENV,
      K6_PROMETHEUS_RW_PUSH_INTERVAL: '1m30s',
      K6_PROMETHEUS_RW_TREND_STATS: 'p(95),max',
      K6_PROMETHEUS_RW_USERNAME: 'user',
      K6_PROMETHEUS_RW_PASSWORD: 'pa:ss',
      K6_PROMETHEUS_RW_HEADERS_X_Scope_OrgID: 'tenant-1',
      K6_PROMETHEUS_RW_HTTP_HEADERS: 'X-A:1, X-B:2',
      K6_PROMETHEUS_RW_LABELS: 'testid=run-7,env=,__name__=x',
      K6_PROMETHEUS_RW_INSECURE_SKIP_TLS_VERIFY: 'true',
      K6_PROMETHEUS_RW_TLS_MINIMUM_VERSION: '1.2',
    });
    expect(config).toMatchObject({
      pushIntervalMs: 90_000,
      trendStats: [
        { stat: 'p(95)', suffix: 'p95' },
        { stat: 'max', suffix: 'max' },
      ],
      headers: {
        Authorization: `Basic ${Buffer.from('user:pa:ss').toString('base64')}`,
        X_Scope_OrgID: 'tenant-1',
        'X-A': '1',
        'X-B': '2',
      },
      staticLabels: { testid: 'run-7' },
      insecureSkipTlsVerify: true,
      tlsMinVersion: 'TLSv1.2',
    });
  });

  it('sends a bearer token, but not together with basic auth', () => {
    expect(
      readRemoteWriteConfig({ ...URL_ENV, K6_PROMETHEUS_RW_BEARER_TOKEN: 'tok' }).config?.headers,
    ).toEqual({ Authorization: 'Bearer tok' });
    expect(
      readRemoteWriteConfig({
        ...URL_ENV,
        K6_PROMETHEUS_RW_BEARER_TOKEN: 'tok',
        K6_PROMETHEUS_RW_USERNAME: 'u',
      }).problems,
    ).toEqual([expect.stringMatching(/USERNAME and K6_PROMETHEUS_RW_BEARER_TOKEN/)]);
  });

  it('reports every bad value at once, naming its variable, without echoing a password', () => {
    const { config, problems } = readRemoteWriteConfig({
      K6_PROMETHEUS_RW_SERVER_URL: 'ftp://user:secret@host/write',
      K6_PROMETHEUS_RW_PUSH_INTERVAL: 'soon',
      K6_PROMETHEUS_RW_TREND_STATS: 'p99',
      K6_PROMETHEUS_RW_INSECURE_SKIP_TLS_VERIFY: 'yes',
      K6_PROMETHEUS_RW_HTTP_HEADERS: 'novalue',
    });
    expect(config).toBeUndefined();
    expect(problems).toEqual([
      expect.stringMatching(/^K6_PROMETHEUS_RW_SERVER_URL: must be an http\(s\) URL/),
      expect.stringMatching(/^K6_PROMETHEUS_RW_PUSH_INTERVAL: .*"soon"/),
      expect.stringMatching(/^K6_PROMETHEUS_RW_TREND_STATS: unknown trend stat "p99"/),
      expect.stringMatching(/^K6_PROMETHEUS_RW_INSECURE_SKIP_TLS_VERIFY: must be true or false/),
      expect.stringMatching(/^K6_PROMETHEUS_RW_HTTP_HEADERS: expected key:value/),
    ]);
    expect(problems.join('\n')).not.toContain('secret');
    expect(readRemoteWriteConfig({ K6_PROMETHEUS_RW_SERVER_URL: 'not a url' }).problems).toHaveLength(1);
    expect(readRemoteWriteConfig({ K6_PROMETHEUS_RW_PUSH_INTERVAL: '0s' }).problems).toHaveLength(1);
  });

  it('for the local runner, refuses what only real k6 can do and warns about what it ignores', () => {
    const env = {
      ...URL_ENV,
      K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM: 'true',
      K6_PROMETHEUS_RW_SIGV4_REGION: 'eu-west-1',
      K6_PROMETHEUS_RW_STALE_MARKERS: 'true',
    };
    expect(readRemoteWriteConfig(env).problems).toEqual([]);
    const local = readRemoteWriteConfig(env, { localRunner: true });
    expect(local.problems).toEqual([
      expect.stringMatching(/TREND_AS_NATIVE_HISTOGRAM=true: native histograms are not supported/),
      expect.stringMatching(/SIGV4_REGION: not supported by the local runner/),
    ]);
    expect(local.warnings).toEqual([expect.stringMatching(/STALE_MARKERS is ignored/)]);
  });
});
