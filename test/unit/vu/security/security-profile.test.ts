// The security profile as data: one short pass, one named criterion per probe as a k6 threshold on the
// probe's checks, the probes' check names mapping back to their probe, and the routes the
// unauthenticated probe covers.
import { describe, expect, it } from 'vitest';
import { buildOptions } from '../../../../src/vu/options.ts';
import { PROFILES } from '../../../../src/vu/profiles.ts';
import { PROBES, PROBE_NAMES, probeOfCheck } from '../../../../src/vu/security/probe-catalogue.ts';
import {
  isHealthRoute,
  PROTECTED_SERVICES,
  protectedRoutes,
} from '../../../../src/vu/security/protected-routes.ts';
import { burstSize, MAX_BURST } from '../../../../src/vu/security/security-env.ts';
import { SERVICE_NAMES } from '../../../../src/vu/services.ts';

describe('security profile', () => {
  const options = buildOptions(PROFILES.security, { loadScale: 1, vuScale: 1 });

  it('is one VU, one pass, capped at two minutes', () => {
    expect(options.scenarios).toEqual({
      security: expect.objectContaining({
        executor: 'per-vu-iterations',
        vus: 1,
        iterations: 1,
        maxDuration: '2m',
      }),
    });
  });

  it('has one criterion per probe: every check of the probe must pass', () => {
    expect(PROFILES.security.criteria.map((c) => c.id)).toEqual(PROBE_NAMES.map((p) => PROBES[p].criterion));
    for (const name of PROBE_NAMES)
      expect(options.thresholds?.[`checks{probe:${PROBES[name].tag}}`]).toEqual(['rate==1']);
    expect(PROFILES.security.criteria.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'security-unauthenticated-401',
        'security-injection-4xx',
        'security-payload-not-reflected',
        'security-bad-bodies-4xx',
        'security-rate-limit-429',
        'security-within-limit-served',
        'security-cors-disallowed-origin',
        'security-no-internals-leaked',
      ]),
    );
  });

  it('maps a check name back to its probe by prefix, and nothing else', () => {
    for (const name of PROBE_NAMES) expect(probeOfCheck(`${PROBES[name].checkPrefix}anything`)).toBe(name);
    expect(probeOfCheck('customer read: status 200')).toBeUndefined();
    expect(new Set(PROBE_NAMES.map((p) => PROBES[p].tag)).size).toBe(PROBE_NAMES.length);
  });

  it('knocks on a protected route of every service and never on health', () => {
    expect([...PROTECTED_SERVICES].sort()).toEqual([...SERVICE_NAMES].sort());
    for (const route of protectedRoutes([])) expect(isHealthRoute(route.path)).toBe(false);
    expect(isHealthRoute('/api/v1/orders/health')).toBe(true);
  });

  it('leaves out the routes the profile declares public', () => {
    const routes = protectedRoutes(['/api/v1/products', '/api/v1/recommendations']);
    expect(routes.some((r) => r.path.startsWith('/api/v1/products'))).toBe(false);
    expect(routes.some((r) => r.path.startsWith('/api/v1/recommendations'))).toBe(false);
    expect(routes.some((r) => r.path.startsWith('/api/v1/orders'))).toBe(true);
    // A prefix is a path segment, not a string prefix.
    expect(protectedRoutes(['/api/v1/order']).some((r) => r.path.startsWith('/api/v1/orders'))).toBe(true);
  });

  it('bursts 3 × the limit, never more than the cap', () => {
    expect(burstSize(50)).toBe(150);
    expect(burstSize(300)).toBe(900);
    expect(burstSize(100_000)).toBe(MAX_BURST);
  });
});
