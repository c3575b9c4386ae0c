// Mode counts and replica selection as Chaos Mesh defines them, and the gateway faults the local
// provider plans for NetworkChaos / HTTPChaos.
import { describe, expect, it } from 'vitest';
import { countForMode } from '../../../src/chaos/mode.ts';
import { planHttpFault, planNetworkDelay } from '../../../src/chaos/providers/local/plan-faults.ts';
import { matchesSelector, selectReplicas } from '../../../src/chaos/providers/local/select-replicas.ts';
import { httpAbort, networkDelay, serviceSelector } from '../../../src/chaos/index.ts';
import { makeReplicas } from '../../contract/chaos/helpers/fake-admin.ts';

describe('countForMode', () => {
  it.each([
    ['one', undefined, 4, 1],
    ['all', undefined, 4, 4],
    ['fixed', '3', 4, 3],
    ['fixed', '9', 4, 4],
    ['fixed-percent', '50', 4, 2],
    ['fixed-percent', '10', 4, 1],
    ['one', undefined, 0, 0],
  ] as const)('%s %s of %d → %d', (mode, value, n, expected) =>
    expect(countForMode(mode, value, n)).toBe(expected),
  );
  it('random-max-percent can pick 0 and at most the max', () => {
    expect(countForMode('random-max-percent', '50', 4, () => 0)).toBe(0);
    expect(countForMode('random-max-percent', '50', 4, () => 0.999)).toBe(2);
  });
});

describe('selectReplicas', () => {
  const replicas = makeReplicas(3);
  it('matches namespaces, labels and expressions', () => {
    const sel = serviceSelector('order-service');
    expect(replicas.filter((r) => matchesSelector(sel, r)).map((r) => r.service)).toEqual(
      Array(3).fill('order-service'),
    );
    expect(matchesSelector({ ...sel, namespaces: ['other'] }, replicas[0]!)).toBe(false);
    const expr = {
      expressionSelectors: [
        { key: 'app.kubernetes.io/name', operator: 'In' as const, values: ['payment-service'] },
      ],
    };
    expect(replicas.filter((r) => matchesSelector(expr, r))).toHaveLength(3);
    expect(matchesSelector({ pods: { ecommerce: [replicas[4]!.name] } }, replicas[4]!)).toBe(true);
  });
  it('picks exactly the mode count from the matches only', () => {
    const { matched, selected } = selectReplicas(
      { mode: 'fixed', value: '2', selector: serviceSelector('payment-service') },
      replicas,
    );
    expect(matched).toHaveLength(3);
    expect(selected).toHaveLength(2);
    expect(new Set(selected.map((r) => r.service))).toEqual(new Set(['payment-service']));
  });
});

describe('planned gateway faults', () => {
  const replicas = makeReplicas(2);
  it('HTTPChaos abort → one abort fault per selected replica, path prefix and method kept', () => {
    const e = httpAbort({
      name: 'a',
      service: 'payment-service',
      mode: 'one',
      path: '/api/v1/payments*',
      method: 'POST',
      duration: '60s',
    });
    const plan = planHttpFault(e.spec, replicas, () => 0);
    expect(plan.faults).toEqual([
      {
        service: 'payment-service',
        replica: plan.selected[0]!.name,
        kind: 'abort',
        abortStatus: 0,
        pathPrefix: '/api/v1/payments',
        method: 'POST',
      },
    ]);
  });
  it('NetworkChaos delay order → payment: faults on payment replicas for calls from order-service', () => {
    const e = networkDelay({
      name: 'd',
      service: 'order-service',
      to: 'payment-service',
      mode: 'all',
      latency: '200ms',
      jitter: '50ms',
      duration: '60s',
    });
    const plan = planNetworkDelay(e.spec, replicas, Math.random);
    expect(plan.faults).toHaveLength(2);
    for (const f of plan.faults) {
      expect(f).toMatchObject({
        service: 'payment-service',
        sourceService: 'order-service',
        kind: 'delay',
        delayMs: 200,
        jitterMs: 50,
        percent: 100,
      });
    }
  });
});
