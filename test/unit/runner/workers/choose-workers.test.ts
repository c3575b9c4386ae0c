import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../src/runner/options/scenario-types.ts';
import { chooseWorkers } from '../../../../src/runner/workers/choose-workers.ts';

const vus = (n: number) => ({ executor: 'constant-vus', vus: n, durationMs: 10_000 }) as unknown as Scenario;

describe('chooseWorkers', () => {
  it('runs small profiles in-process and large ones on two threads, never more than the cores', () => {
    expect(chooseWorkers(undefined, [vus(50)], { cores: 2 })).toEqual({ count: 1 });
    expect(chooseWorkers(undefined, [vus(500)], { cores: 2 })).toEqual({ count: 2 });
    expect(chooseWorkers(undefined, [vus(500)], { cores: 1 })).toEqual({ count: 1 });
  });

  it('honours an explicit count up to the cores', () => {
    expect(chooseWorkers(2, [vus(50)], { cores: 2 })).toEqual({ count: 2 });
    expect(chooseWorkers(1, [vus(5000)], { cores: 8 })).toEqual({ count: 1 });
  });

  it('lowers a count above the cores to the cores, with a warning that names the flag and both numbers', () => {
    const choice = chooseWorkers(50, [vus(50)], { cores: 2 });
    expect(choice.count).toBe(2);
    expect(choice.warning).toMatch(/--workers 50: this machine has 2 cores, so 2 VU threads are used/);
  });

  it('keeps the requested count on the blocking path, where threads are the only concurrency', () => {
    expect(chooseWorkers(50, [vus(50)], { cores: 2, blockingPath: true })).toEqual({ count: 50 });
  });
});
