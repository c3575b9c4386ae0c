// Whether mTLS is STRICT in a namespace, from PeerAuthentication objects the way Istio resolves them.
import { describe, expect, it } from 'vitest';
import { judgeMtls, type PeerAuthentication } from '../../../../src/results/security/mtls-status.ts';

const policy = (
  namespace: string,
  name: string,
  mode: string | undefined,
  extra: { selector?: Record<string, string>; ports?: Record<string, string>; created?: string } = {},
): PeerAuthentication => ({
  metadata: { namespace, name, creationTimestamp: extra.created ?? '2030-01-01T00:00:00Z' },
  spec: {
    ...(extra.selector ? { selector: { matchLabels: extra.selector } } : {}),
    ...(mode ? { mtls: { mode } } : {}),
    ...(extra.ports
      ? { portLevelMtls: Object.fromEntries(Object.entries(extra.ports).map(([p, m]) => [p, { mode: m }])) }
      : {}),
  },
});

describe('judgeMtls', () => {
  it('is STRICT with a namespace-wide STRICT policy', () => {
    expect(judgeMtls('ecommerce', [policy('ecommerce', 'default', 'STRICT')], [])).toMatchObject({
      mode: 'STRICT',
      source: 'ecommerce/default',
      strict: true,
      weakening: [],
    });
  });

  it('inherits the mesh-wide policy when the namespace has none, or its mode is UNSET', () => {
    const mesh = [policy('istio-system', 'default', 'STRICT')];
    expect(judgeMtls('ecommerce', [], mesh)).toMatchObject({ strict: true, source: 'istio-system/default' });
    expect(judgeMtls('ecommerce', [policy('ecommerce', 'default', 'UNSET')], mesh).strict).toBe(true);
  });

  it("falls back to Istio's default PERMISSIVE when there is no policy at all", () => {
    const finding = judgeMtls('ecommerce', [], []);
    expect(finding).toMatchObject({ mode: 'PERMISSIVE', strict: false });
    expect(finding.weakening[0]).toMatch(/PERMISSIVE.*Istio's default/);
  });

  it('lets the namespace override a STRICT mesh with PERMISSIVE', () => {
    const finding = judgeMtls(
      'ecommerce',
      [policy('ecommerce', 'default', 'PERMISSIVE')],
      [policy('istio-system', 'default', 'STRICT')],
    );
    expect(finding).toMatchObject({ mode: 'PERMISSIVE', strict: false });
  });

  it('names a workload or a port that a STRICT namespace leaves without mTLS', () => {
    const finding = judgeMtls(
      'ecommerce',
      [
        policy('ecommerce', 'default', 'STRICT', { ports: { '9090': 'STRICT' } }),
        policy('ecommerce', 'legacy', 'PERMISSIVE', { selector: { app: 'order-api' } }),
        policy('ecommerce', 'metrics', 'STRICT', {
          selector: { app: 'payment-api' },
          ports: { '15090': 'DISABLE' },
        }),
      ],
      [],
    );
    expect(finding.mode).toBe('STRICT');
    expect(finding.strict).toBe(false);
    expect(finding.weakening).toEqual([
      'ecommerce/legacy sets PERMISSIVE for app=order-api',
      'ecommerce/metrics sets DISABLE on port 15090',
    ]);
  });

  it('keeps the oldest of two namespace-wide policies, as Istio does', () => {
    const finding = judgeMtls(
      'ecommerce',
      [
        policy('ecommerce', 'newer', 'PERMISSIVE', { created: '2030-02-01T00:00:00Z' }),
        policy('ecommerce', 'older', 'STRICT', { created: '2030-01-01T00:00:00Z' }),
      ],
      [],
    );
    expect(finding).toMatchObject({ mode: 'STRICT', source: 'ecommerce/older' });
  });
});
