// The stand-in slowdown: a factor multiplying every operation's simulated latency (what the
// replicas receive), validated with the other target options.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { DEFAULT_LATENCY } from '../../../src/target/defaults.ts';
import { resolveTargetOptions } from '../../../src/target/target-options.ts';

describe('slowdown', () => {
  it('defaults to 1 and leaves latency as it is', () => {
    const resolved = resolveTargetOptions();
    expect(resolved.slowdown).toBe(1);
    expect(resolved.latency).toEqual(DEFAULT_LATENCY);
  });

  it('multiplies base and jitter of every operation, overrides included', () => {
    const resolved = resolveTargetOptions({ slowdown: 2, latency: { payment: { baseMs: 10, jitterMs: 4 } } });
    expect(resolved.latency.payment).toEqual({ baseMs: 20, jitterMs: 8 });
    expect(resolved.latency.order_create).toEqual({
      baseMs: DEFAULT_LATENCY.order_create.baseMs * 2,
      jitterMs: DEFAULT_LATENCY.order_create.jitterMs * 2,
    });
  });

  it.each([0, -1, 101, Number.NaN])('rejects %s', (slowdown) => {
    expect(() => resolveTargetOptions({ slowdown })).toThrow(ConfigError);
    expect(() => resolveTargetOptions({ slowdown })).toThrow(
      /slowdown: must be a number with 0 < factor ≤ 100/,
    );
  });
});
