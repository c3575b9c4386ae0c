import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { resolveTargetOptions } from '../../../src/target/target-options.ts';

describe('resolveTargetOptions', () => {
  it('fills the DESIGN.md defaults', () => {
    const resolved = resolveTargetOptions();
    expect(resolved).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      adminPort: 8090,
      replicasPerService: 2,
      restartDelayMs: 1000,
    });
    expect(resolved.policy).toMatchObject({
      timeoutMs: 30_000,
      retryAttempts: 3,
      perTryTimeoutMs: 10_000,
      consecutive5xxErrors: 5,
      maxEjectionPercent: 50,
    });
  });

  it('merges policy and latency overrides', () => {
    const resolved = resolveTargetOptions({
      policy: { baseEjectionTimeMs: 500 },
      latency: { payment: { baseMs: 40, jitterMs: 10 } },
    });
    expect(resolved.policy.baseEjectionTimeMs).toBe(500);
    expect(resolved.policy.retryAttempts).toBe(3);
    expect(resolved.latency.payment).toEqual({ baseMs: 40, jitterMs: 10 });
  });

  it('collects every problem into one ConfigError', () => {
    const attempt = () =>
      resolveTargetOptions({
        host: '10.0.0.1',
        port: 70_000,
        replicasPerService: 0,
        policy: { timeoutMs: -1 },
        latency: { nope: { baseMs: 1, jitterMs: 1 } } as never,
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(5);
    }
  });
});
