// The test Prometheus starts, takes remote writes and answers queries (sanity of the fixture itself).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusSkip, type RunningPrometheus, startPrometheus } from '../../support/prometheus.ts';

describe.skipIf(prometheusSkip('test Prometheus fixture'))('test Prometheus fixture', () => {
  let prom: RunningPrometheus;
  beforeAll(async () => {
    prom = await startPrometheus({ scrape: [] });
  }, 40_000);
  afterAll(async () => prom?.stop());
  it('answers an instant query', async () => {
    const result = await prom.waitFor('vector(42)');
    expect(Number(result[0].value[1])).toBe(42);
  });
});
