// The security profile in the verdict: probe criteria from the summary's named thresholds, a failed
// one naming the requests that failed it, and security-mtls-strict from security.json.
import { describe, expect, it } from 'vitest';
import type { SummaryLike } from '../../../../src/results/threshold-criteria.ts';
import {
  failedChecksByProbe,
  mtlsCriteria,
  summarizeFailures,
} from '../../../../src/results/security/security-criteria.ts';
import { PROBES, PROBE_NAMES } from '../../../../src/vu/security/probe-catalogue.ts';
import { runRecord, steady, verdictOf } from '../verdict-inputs.ts';

/** A security run's summary: every probe's checks pass except the failures given per probe. */
function securitySummary(failures: Partial<Record<keyof typeof PROBES, string[]>> = {}) {
  const metrics: NonNullable<SummaryLike['metrics']> = {
    http_req_duration: { type: 'trend', values: { count: 300, 'p(95)': 20 } },
    http_req_failed: { type: 'rate', values: { rate: 0, passes: 0, fails: 300 } },
  };
  const checks: { name: string; passes: number; fails: number }[] = [];
  for (const name of PROBE_NAMES) {
    const failed = failures[name] ?? [];
    const passes = 10;
    checks.push({ name: `${PROBES[name].checkPrefix}a passing request`, passes, fails: 0 });
    for (const what of failed)
      checks.push({ name: `${PROBES[name].checkPrefix}${what}`, passes: 0, fails: 1 });
    const total = passes + failed.length;
    metrics[`checks{probe:${PROBES[name].tag}}`] = {
      type: 'rate',
      values: { rate: passes / total, passes, fails: failed.length },
      thresholds: { 'rate==1': { ok: failed.length === 0 } },
    };
  }
  return { metrics, root_group: { name: '', groups: [], checks } };
}

const securityVerdict = (summary: SummaryLike, security?: Parameters<typeof mtlsCriteria>[1]) =>
  verdictOf({
    record: runRecord({ runId: 'security-1', profile: 'security', loadScale: 1 }),
    summary,
    series: steady,
    ...(security ? { security } : {}),
  });

describe('security criteria in the verdict', () => {
  it('pass, with mTLS not measured on the stand-in', () => {
    const verdict = securityVerdict(securitySummary(), {
      mtls: { checked: false, reason: 'not checked: the embedded stand-in is not in a cluster (no mesh)' },
    });
    expect(verdict.pass).toBe(true);
    expect(verdict.exitCode).toBe(0);
    const security = verdict.criteria.filter((c) => c.id.startsWith('security-'));
    expect(security.map((c) => [c.id, c.status])).toEqual([
      ...PROBE_NAMES.map((p) => [PROBES[p].criterion, 'pass']),
      ['security-mtls-strict', 'not-measured'],
    ]);
    expect(security.at(-1)?.notMeasured).toMatch(/^not checked: the embedded stand-in/);
  });

  it('fail with exit 99, each missing rule named with the requests that show it', () => {
    const verdict = securityVerdict(
      securitySummary({
        unauthenticated: [
          'GET /api/v1/orders/{id} with no token → 401',
          'GET /api/v1/orders/{id} with expired-looking JWT → 401',
          'POST /api/v1/payments with no token → 401',
        ],
        rateLimit: ['a burst of 150 requests at once meets 429'],
      }),
    );
    expect(verdict.pass).toBe(false);
    expect(verdict.exitCode).toBe(99);
    const failed = verdict.criteria.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).toEqual(['security-unauthenticated-401', 'security-rate-limit-429']);
    expect(failed[0]!.description).toMatch(
      /served without valid credentials: GET \/api\/v1\/orders\/\{id\} \(2\); POST \/api\/v1\/payments$/,
    );
    expect(failed[1]!.description).toMatch(/a burst of 150 requests at once meets 429$/);
    expect(verdict.reason).toMatch(/^security-unauthenticated-401: .* \(\+1 more\)$/);
  });

  it('judge mTLS when a cluster answered', () => {
    const strict = securityVerdict(securitySummary(), {
      mtls: {
        checked: true,
        where: 'context kind-c4ang',
        namespace: 'ecommerce',
        mode: 'STRICT',
        source: 'ecommerce/default',
        weakening: [],
        strict: true,
      },
    });
    expect(strict.criteria.find((c) => c.id === 'security-mtls-strict')).toMatchObject({
      status: 'pass',
      observed: 0,
    });
    const permissive = securityVerdict(securitySummary(), {
      mtls: {
        checked: true,
        where: 'context kind-c4ang',
        namespace: 'ecommerce',
        mode: 'PERMISSIVE',
        source: 'ecommerce/default',
        weakening: ['namespace-wide mode PERMISSIVE (ecommerce/default)'],
        strict: false,
      },
    });
    expect(permissive.exitCode).toBe(99);
    expect(permissive.criteria.find((c) => c.id === 'security-mtls-strict')).toMatchObject({
      status: 'fail',
      description: expect.stringContaining('namespace-wide mode PERMISSIVE'),
    });
  });

  it('is not added to other profiles', () => {
    expect(mtlsCriteria('normal', undefined)).toEqual([]);
    expect(verdictOf().criteria.some((c) => c.id.startsWith('security-'))).toBe(false);
  });
});

describe('naming failed requests', () => {
  it('groups the failures by route and counts them', () => {
    expect(
      summarizeFailures([
        'GET /api/v1/customers with no token → 401',
        'GET /api/v1/customers with empty bearer → 401',
        'POST /api/v1/orders truncated JSON → 4xx',
      ]),
    ).toEqual(['GET /api/v1/customers (2)', 'POST /api/v1/orders truncated JSON']);
  });

  it('reads checks in nested groups, and ignores checks of no probe', () => {
    const failed = failedChecksByProbe({
      root_group: {
        checks: [{ name: 'customer read: status 200', passes: 0, fails: 3 }],
        groups: [
          {
            checks: [
              { name: 'cors: GET from null gets no Access-Control-Allow-Origin', passes: 0, fails: 1 },
            ],
          },
        ],
      },
    });
    expect([...failed]).toEqual([['cors', ['GET from null gets no Access-Control-Allow-Origin']]]);
  });
});
