// Chaos edge cases: total outage, generator overloaded, too short to judge, several faults.
import { expect, test } from 'vitest';
import { seconds } from '../synthetic-series.ts';
import { analyzeChaosRun, byId, healthy, orderDown, podKill, runStartMs } from './chaos-fixtures.ts';

const analyze = analyzeChaosRun;

test('total outage: no request completes during the fault', () => {
  const { results, criteria } = analyze([
    ...seconds(20, healthy),
    ...seconds(10, null),
    ...seconds(30, healthy),
  ]);
  expect(results.chaos![0].windows[1].requests).toBe(0);
  expect(results.chaos![0].recoveryMs).toBe(10_000);
  const errors = byId(criteria, 'chaos-order-service-pod-kill-errors-during-fault');
  expect(errors).toMatchObject({ status: 'fail', pass: false });
  expect(errors.description).toContain('total outage');
});

test('generator overloaded during the fault: window and recovery inconclusive, errors still judged', () => {
  const lagging = { ...orderDown, startLagMs: 25 };
  const { results, criteria } = analyze([
    ...seconds(20, healthy),
    ...seconds(10, lagging),
    ...seconds(30, healthy),
  ]);
  expect(results.generatorLag).toEqual([{ fromMs: runStartMs + 20_000, toMs: runStartMs + 30_000 }]);
  expect(results.chaos![0].windows.map((w) => w.inconclusive)).toEqual([
    undefined,
    'generator overloaded',
    undefined,
  ]);
  expect(byId(criteria, 'chaos-recovered-order-service-pod-kill')).toMatchObject({
    status: 'inconclusive',
    pass: null,
    inconclusive: 'generator overloaded',
  });
  // Failed responses are the target's, however late the generator sent them.
  expect(byId(criteria, 'chaos-order-service-pod-kill-errors-during-fault')).toMatchObject({
    status: 'fail',
    pass: false,
  });
});

test('too short to judge: no pre-fault band, or the run ended inside the allowance', () => {
  const early = analyze(seconds(60, healthy), [podKill('early', 2, 4)]);
  expect(early.results.chaos![0].band).toBeNull();
  expect(byId(early.criteria, 'chaos-recovered-early').inconclusive).toBe('too short to judge');
  const late = analyze([...seconds(20, healthy), ...seconds(10, orderDown)]);
  expect(byId(late.criteria, 'chaos-recovered-order-service-pod-kill').inconclusive).toBe(
    'too short to judge',
  );
});

test('a record never injected yields inconclusive criteria and no analysis', () => {
  const never = { ...podKill('never', 0), injectedAt: undefined };
  const { results, criteria } = analyze(seconds(30, healthy), [never]);
  expect(results.chaos).toEqual([]);
  expect(criteria.map((c) => c.status)).toEqual(['inconclusive', 'inconclusive']);
});

test('two faults: the second band starts after the first fault and its recovery stay', () => {
  const specs = [
    ...seconds(20, healthy),
    ...seconds(5, orderDown),
    ...seconds(25, healthy),
    ...seconds(5, orderDown),
    ...seconds(25, healthy),
  ];
  const { results } = analyze(specs, [podKill('second', 50, 55), podKill('first', 20, 25)]);
  const [first, second] = results.chaos!;
  expect(first.experiment).toBe('first');
  expect(first.windows[2].toMs).toBe(runStartMs + 50_000);
  expect(second.windows[0].fromMs).toBe(runStartMs + 30_000);
  expect(second.recoveryMs).toBe(5_000);
});

test('a fault cut short by the next one, inside the allowance, is too short to judge', () => {
  const specs = [...seconds(20, healthy), ...seconds(40, orderDown), ...seconds(20, healthy)];
  const { criteria } = analyze(specs, [podKill('first', 20, 25), podKill('second', 40, 45)]);
  expect(byId(criteria, 'chaos-recovered-first').inconclusive).toBe('too short to judge');
});

test('generator overloaded before the fault: the band is suspect, recovery inconclusive', () => {
  const lagging = { ...healthy, startLagMs: 25 };
  const specs = [
    ...seconds(10, healthy),
    ...seconds(6, lagging),
    ...seconds(4, healthy),
    ...seconds(40, healthy),
  ];
  const { results, criteria } = analyze(specs);
  expect(results.chaos![0].windows[0].inconclusive).toBe('generator overloaded');
  expect(byId(criteria, 'chaos-recovered-order-service-pod-kill').inconclusive).toBe('generator overloaded');
  expect(byId(criteria, 'chaos-order-service-pod-kill-errors-during-fault').status).toBe('pass');
});
