// handleSummary output: the files it returns, the summary.json shape and the criteria verdicts.
import { describe, expect, test } from 'vitest';
import { parseVuEnv } from '../../../src/vu/env.ts';
import { PROFILES } from '../../../src/vu/profiles.ts';
import type { SummaryData } from '../../../src/vu/summary-data.ts';
import { createSummaryHandler } from '../../../src/vu/summary.ts';

/** A k6 handleSummary data object for a normal run where p99 failed. */
function normalRunData(): SummaryData {
  return {
    root_group: {
      name: '',
      groups: [],
      checks: [{ name: 'customer read: status 200', passes: 99, fails: 1 }],
    },
    state: { testRunDurationMs: 90_000 },
    metrics: {
      http_req_duration: {
        type: 'trend',
        contains: 'time',
        values: {
          avg: 120,
          min: 2,
          med: 80,
          max: 2400,
          'p(90)': 300,
          'p(95)': 410,
          'p(99)': 1500,
          count: 9000,
        },
        thresholds: { 'p(95)<500': { ok: true }, 'p(99)<1000': { ok: false } },
      },
      'http_req_duration{service:order-service}': {
        type: 'trend',
        contains: 'time',
        values: { avg: 200, 'p(95)': 480, 'p(99)': 900, max: 950, count: 1800 },
      },
      http_req_failed: {
        type: 'rate',
        contains: 'default',
        values: { rate: 0.0005, passes: 5, fails: 8995 },
        thresholds: { 'rate<0.001': { ok: true } },
      },
      iterations: {
        type: 'counter',
        contains: 'default',
        values: { count: 9000, rate: 100 },
        thresholds: { 'rate>=95': { ok: true } },
      },
      http_reqs: { type: 'counter', contains: 'default', values: { count: 9100, rate: 101.1 } },
    },
  };
}

describe('handleSummary', () => {
  const env = parseVuEnv({ RUN_ID: 'r42', RESULTS_DIR: 'results/r42', LOAD_SCALE: '0.05' });
  const handle = createSummaryHandler(PROFILES.normal, env, { loadScale: 0.05, vuScale: 1 });

  test('returns stdout plus summary.json and summary.txt under RESULTS_DIR', () => {
    expect(Object.keys(handle(normalRunData())).sort()).toEqual([
      'results/r42/summary.json',
      'results/r42/summary.txt',
      'stdout',
    ]);
  });

  test('summary.json keeps k6 data and adds named criteria with observed values', () => {
    const json = JSON.parse(handle(normalRunData())['results/r42/summary.json']);
    expect(json.metrics.http_req_duration.values['p(95)']).toBe(410);
    expect(json.c4ang).toMatchObject({ profile: 'normal', runId: 'r42', loadScale: 0.05, vuScale: 1 });
    const byId = Object.fromEntries(json.c4ang.criteria.map((c: { id: string }) => [c.id, c]));
    expect(byId['p95-under-500ms']).toMatchObject({ ok: true, observed: 410 });
    expect(byId['p99-under-1000ms']).toMatchObject({ ok: false, observed: 1500 });
    expect(byId['errors-under-0.1pct']).toMatchObject({ ok: true, observed: 0.0005 });
    expect(byId['target-rate-reached']).toMatchObject({ ok: true, observed: 100 });
  });

  test('a criterion that k6 did not evaluate is reported as unknown, not passed', () => {
    const data = normalRunData();
    delete data.metrics.iterations.thresholds;
    const json = JSON.parse(handle(data)['results/r42/summary.json']);
    expect(json.c4ang.criteria.find((c: { id: string }) => c.id === 'target-rate-reached')).toMatchObject({
      ok: null,
      observed: 100,
    });
  });

  test('rate criteria follow VU_SCALE', () => {
    const half = createSummaryHandler(PROFILES.normal, env, { loadScale: 0.05, vuScale: 0.5 });
    const json = JSON.parse(half(normalRunData())['results/r42/summary.json']);
    expect(json.c4ang.criteria.find((c: { id: string }) => c.id === 'target-rate-reached').expression).toBe(
      'rate>=47.5',
    );
  });

  test('text summary names failed criteria, checks and per-service rows', () => {
    const text = handle(normalRunData()).stdout;
    expect(text).toMatch(/✗\s+p99-under-1000ms\s+http_req_duration p\(99\)<1000\s+observed 1500/);
    expect(text).toMatch(/✓\s+p95-under-500ms/);
    expect(text).toMatch(/✗\s+customer read: status 200\s+99\.00%\s+99 \/ 100/);
    expect(text).toMatch(/service order-service\s+1800/);
    expect(text).toContain('0.05%');
  });

  test('a canary run’s text summary has a row per version', () => {
    const data = normalRunData();
    data.metrics['http_req_duration{version:v2}'] = {
      type: 'trend',
      contains: 'time',
      values: { avg: 90, 'p(95)': 300, 'p(99)': 700, max: 800, count: 900 },
    };
    expect(handle(data).stdout).toMatch(/version v2\s+900/);
  });
});
