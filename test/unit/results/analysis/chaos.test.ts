// Chaos faults read against the series: windows, worst service, recovery, and their criteria.
import { expect, test } from 'vitest';
import { targetServices } from '../../../../src/results/analysis/chaos-criteria.ts';
import { seconds } from '../synthetic-series.ts';
import { analyzeChaosRun, byId, healthy, orderDown, podKill, runStartMs, slow } from './chaos-fixtures.ts';

const analyze = analyzeChaosRun;

test('killing every replica of a service: windows, worst service named, recovery measured', () => {
  const { results, criteria } = analyze([
    ...seconds(20, healthy),
    ...seconds(10, orderDown),
    ...seconds(2, slow),
    ...seconds(28, healthy),
  ]);
  const fault = results.chaos![0];
  expect(fault.experiment).toBe('order-service-pod-kill');
  expect(fault.providerRecoveryMs).toBe(10_000);
  expect(fault.recoveryMs).toBe(12_000);
  const [before, during, after] = fault.windows;
  // Warm-up: min(10 % of 60 s, 30 s) = 6 s.
  expect(before).toMatchObject({
    name: 'before',
    fromMs: runStartMs + 6000,
    toMs: runStartMs + 20_000,
    errorRate: 0,
  });
  expect(during.errorRate).toBeCloseTo(0.25, 6);
  expect(during.worstService?.name).toBe('order-service');
  expect(during.worstOperation?.name).toBe('order_create');
  expect(after).toMatchObject({ fromMs: runStartMs + 30_000, toMs: runStartMs + 60_000 });

  const errors = byId(criteria, 'chaos-order-service-pod-kill-errors-during-fault');
  expect(errors).toMatchObject({
    status: 'fail',
    pass: false,
    observed: 1,
    unit: 'ratio',
    source: 'analysis',
  });
  expect(errors.description).toContain('order-service');
  expect(byId(criteria, 'chaos-recovered-order-service-pod-kill')).toMatchObject({
    status: 'pass',
    observed: 12_000,
    limit: '≤ 60 s',
  });
});

test('retries hide a one-replica kill: errors pass, recovery is immediate', () => {
  const { results, criteria } = analyze(seconds(60, healthy));
  expect(results.chaos![0].recoveryMs).toBe(0);
  expect(byId(criteria, 'chaos-order-service-pod-kill-errors-during-fault').status).toBe('pass');
  expect(byId(criteria, 'chaos-recovered-order-service-pod-kill').status).toBe('pass');
});

test('never recovered: recovery null and the criterion fails', () => {
  const { results, criteria } = analyze([...seconds(20, healthy), ...seconds(80, orderDown)]);
  expect(results.chaos![0].recoveryMs).toBeNull();
  const recovered = byId(criteria, 'chaos-recovered-order-service-pod-kill');
  expect(recovered).toMatchObject({ status: 'fail', observed: null });
  expect(recovered.description).toContain('never recovered');
});

test('recovery beyond the scaled allowance fails (60 s × 0.05 → the 10 s floor)', () => {
  const specs = [...seconds(20, healthy), ...seconds(12, orderDown), ...seconds(30, healthy)];
  const recovered = byId(analyze(specs, undefined, 0.05).criteria, 'chaos-recovered-order-service-pod-kill');
  expect(recovered).toMatchObject({ status: 'fail', observed: 12_000, limit: '≤ 10 s' });
});

test('a fault with a duration gets that duration on top of the allowance', () => {
  const delay = podKill('net-delay', 20, 40, {
    kind: 'NetworkChaos',
    duration: { nominalMs: 20_000, appliedMs: 20_000 },
  });
  const specs = [...seconds(20, healthy), ...seconds(20, slow), ...seconds(30, healthy)];
  const recovered = byId(analyze(specs, [delay], 0.05).criteria, 'chaos-recovered-net-delay');
  expect(recovered).toMatchObject({ status: 'pass', observed: 20_000, limit: '≤ 30 s' });
});

test('the service a fault hit is named from its selected pods, whatever service suffered most', () => {
  expect(
    targetServices(['order-service-w6n5lv56w-f2pqt', 'ecommerce/order-service-7c9f8d6b5-x2k4q']),
  ).toEqual(['order-service']);
  expect(targetServices(['payment-service-abc12-def34', 'order-service-abc12-def34'])).toEqual([
    'order-service',
    'payment-service',
  ]);
  expect(targetServices([])).toEqual([]);
});
