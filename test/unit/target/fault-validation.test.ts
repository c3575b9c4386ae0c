import { describe, expect, it } from 'vitest';
import { validateFault } from '../../../src/target/admin/fault-validation.ts';

describe('validateFault', () => {
  it('accepts a complete delay fault and an abort fault with defaults', () => {
    expect(
      validateFault({
        service: 'payment-service',
        kind: 'delay',
        delayMs: 200,
        jitterMs: 50,
        sourceService: 'order-service',
      }).problems,
    ).toEqual([]);
    expect(validateFault({ service: 'order-service', kind: 'abort' }).problems).toEqual([]);
  });

  it('reports every problem at once', () => {
    const { fault, problems } = validateFault({
      service: 'nope',
      kind: 'delay',
      percent: 150,
      abortStatus: 42,
      pathPrefix: 'api',
      extra: 1,
    });
    expect(fault).toBeUndefined();
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/extra: unknown field/);
    expect(problems.join('\n')).toMatch(/delayMs: required/);
  });

  it('refuses a body that is not an object', () => {
    expect(validateFault([1]).problems).toEqual(['body must be a JSON object']);
  });
});
