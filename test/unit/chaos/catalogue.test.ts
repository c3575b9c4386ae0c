// Every catalogue file in chaos/ validates with no error and no warning, follows the house layout
// (name = file stem, field order, quoted durations) and equals what the builders make.
import { readdirSync, readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, parseDocument, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  containerKill,
  httpAbort,
  loadExperiments,
  networkDelay,
  podFailure,
  podKill,
  schedule,
  toManifest,
  type Experiment,
} from '../../../src/chaos/index.ts';

const files = readdirSync('chaos')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `chaos/${f}`);

describe('chaos/ catalogue', () => {
  it('has the experiments issue #5 asks for', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s validates without errors or warnings', async (file) => {
    const result = await loadExperiments([file]);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.experiments).toHaveLength(1);
  });

  it.each(files)('%s follows the house layout', (file) => {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const spec = doc.get('spec');
    if (!isMap(spec)) throw new Error('spec is not a map');
    const embedded = ['podChaos', 'networkChaos', 'httpChaos'].map((k) => doc.getIn(['spec', k])).find(isMap);
    const keys = (embedded ?? spec).items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
    const order = ['action', 'mode', 'value', 'selector'];
    const seen = order.filter((k) => keys.includes(k));
    expect(keys.filter((k) => order.includes(k))).toEqual(seen);
    if (keys.includes('duration')) expect(keys.at(-1)).toBe('duration');
    visit(doc, {
      Pair(_, pair) {
        if (
          isPair(pair) &&
          isScalar(pair.key) &&
          ['duration', 'latency', 'jitter'].includes(String(pair.key.value))
        ) {
          expect(isScalar(pair.value) && pair.value.type).toMatch(/QUOTE/);
        }
      },
    });
  });
});

const spec = (e: Experiment) => toManifest(e).spec;

describe('builders', () => {
  const byName = async (name: string) => (await loadExperiments([`chaos/${name}.yaml`])).experiments[0]!;
  const table: [string, Experiment][] = [
    [
      'pod-kill-order-service',
      podKill({ name: 'pod-kill-order-service', service: 'order-service', gracePeriod: 0 }),
    ],
    [
      'pod-failure-order-service',
      podFailure({ name: 'pod-failure-order-service', service: 'order-service', duration: '30s' }),
    ],
    [
      'pod-container-kill-order-service',
      containerKill({ name: 'pod-container-kill-order-service', service: 'order-service' }),
    ],
    [
      'http-abort-payment-service',
      httpAbort({
        name: 'http-abort-payment-service',
        service: 'payment-service',
        mode: 'all',
        path: '/api/v1/payments*',
        method: 'POST',
        duration: '60s',
      }),
    ],
    [
      'pod-kill-order-service-with-every-5m',
      schedule({
        name: 'pod-kill-order-service-with-every-5m',
        cron: '@every 5m',
        experiment: podKill({ name: 'x', service: 'order-service', gracePeriod: 0 }),
      }),
    ],
  ];
  it.each(table)('make the same spec as chaos/%s.yaml', async (name, built) => {
    expect(spec(built)).toEqual(spec(await byName(name)));
    expect(built.metadata).toEqual((await byName(name)).metadata);
  });

  it('networkDelay makes a direction-to delay between two services', () => {
    const e = networkDelay({
      name: 'd',
      service: 'order-service',
      to: 'payment-service',
      mode: 'all',
      latency: '200ms',
      duration: '60s',
    });
    expect(e.spec).toMatchObject({ action: 'delay', direction: 'to', delay: { latency: '200ms' } });
    expect(e.spec.target?.selector.labelSelectors).toEqual({ 'app.kubernetes.io/name': 'payment-service' });
  });
});
