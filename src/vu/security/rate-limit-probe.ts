// The rate-limit probe, last because it spends the client's budget: first traffic at half the
// expected limit for two seconds, which must all be served; then one bounded burst of 3 × the limit
// at once (at most 900 requests, to the run's own target only), which must meet 429s, each with a
// Retry-After; then, after that wait, the client must be served again. Runs in: VU.
import { pause } from '../pause.ts';
import { headerValue } from './leak-patterns.ts';
import { type ProbeClient, probeCheck } from './probe-client.ts';
import { parseRetryAfter } from './retry-after.ts';
import { burstSize } from './security-env.ts';

/** Longest Retry-After the probe waits out before its last check, s. */
const MAX_WAIT_S = 10;
/** A token bucket of one second's worth refills within this; more is waited for good measure. */
const REFILL_MS = 2000;

const PRODUCT = { method: 'GET', name: 'GET /api/v1/products/{id}', service: 'product-service' } as const;

export async function probeRateLimit(client: ProbeClient, limitPerSecond: number): Promise<void> {
  await pause(REFILL_MS);
  const within = `GET /api/v1/products/{id} at half the limit (${limitPerSecond / 2}/s) is served`;
  for (let i = 0; i < limitPerSecond; i++) {
    const res = await client.send({
      ...PRODUCT,
      probe: 'withinLimit',
      path: `/api/v1/products/p-${String((i % 500) + 1).padStart(4, '0')}`,
      authorization: 'run-token',
      expected: [200],
      leakLabel: 'traffic within the limit',
    });
    probeCheck('withinLimit', within, res.status === 200);
  }
  const size = burstSize(limitPerSecond);
  const answers = await client.sendAtOnce(
    {
      ...PRODUCT,
      probe: 'rateLimit',
      path: '/api/v1/products/p-0001',
      authorization: 'run-token',
      expected: [200, 429],
      leakLabel: 'rate-limit burst',
    },
    size,
  );
  const refused = answers.filter((r) => r.status === 429);
  const waits = refused.map((r) => parseRetryAfter(headerValue(r.headers, 'retry-after')));
  probeCheck('rateLimit', `a burst of ${size} requests at once meets 429`, refused.length > 0);
  probeCheck(
    'rateLimit',
    'every 429 carries a valid Retry-After',
    waits.every((w) => w !== undefined),
  );
  const waitS = Math.min(MAX_WAIT_S, Math.max(1, ...waits.filter((w): w is number => w !== undefined)));
  await pause(waitS * 1000 + 250);
  const again = await client.send({
    ...PRODUCT,
    probe: 'withinLimit',
    path: '/api/v1/products/p-0002',
    authorization: 'run-token',
    expected: [200],
    leakLabel: 'traffic within the limit',
  });
  probeCheck('withinLimit', 'served again once Retry-After has passed', again.status === 200);
}
