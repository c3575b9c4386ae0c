import { describe, expect, it } from 'vitest';
import { matchFaults } from '../../../src/target/gateway/faults.ts';
import type { FaultSpec } from '../../../src/target/types.ts';

const facts = {
  service: 'order-service',
  replica: 'order-1',
  method: 'GET',
  path: '/api/v1/orders/o-1',
  sourceService: 'payment-service',
};
const abort = (extra: Partial<FaultSpec>): FaultSpec => ({
  id: 'f',
  service: 'order-service',
  kind: 'abort',
  ...extra,
});

describe('matchFaults', () => {
  it.each<[string, Partial<FaultSpec>, number | undefined]>([
    ['same service', {}, 503],
    ['other service', { service: 'product-service' }, undefined],
    ['matching source service', { sourceService: 'payment-service' }, 503],
    ['other source service', { sourceService: 'order-service' }, undefined],
    ['path prefix matches', { pathPrefix: '/api/v1/orders' }, 503],
    ['path prefix differs', { pathPrefix: '/api/v1/orders/x' }, undefined],
    ['method differs', { method: 'POST' }, undefined],
    ['method matches in any case', { method: 'get' }, 503],
    ['other replica', { replica: 'order-2' }, undefined],
    ['custom status', { abortStatus: 500 }, 500],
    ['close without response', { abortStatus: 0 }, 0],
    ['percent 0 never applies', { percent: 0 }, undefined],
  ])('%s', (_name, extra, status) => {
    expect(matchFaults([abort(extra)], facts, () => 0.5).abortStatus).toBe(status);
  });

  it('adds the delays of every matching delay fault, with jitter', () => {
    const faults: FaultSpec[] = [
      { id: 'a', service: 'order-service', kind: 'delay', delayMs: 100, jitterMs: 50 },
      { id: 'b', service: 'order-service', kind: 'delay', delayMs: 20 },
    ];
    expect(matchFaults(faults, facts, () => 0.5)).toEqual({ delayMs: 145, abortStatus: undefined });
  });

  it('applies a percentage fault only to that share of attempts', () => {
    const fault = abort({ percent: 30 });
    expect(matchFaults([fault], facts, () => 0.29).abortStatus).toBe(503);
    expect(matchFaults([fault], facts, () => 0.31).abortStatus).toBeUndefined();
  });
});
