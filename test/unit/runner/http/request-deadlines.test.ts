import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type DeadlineEntry, watchDeadline } from '../../../../src/runner/http/request-deadlines.ts';

function entry(log: string[], name: string): DeadlineEntry {
  return {
    deadlineMs: 0,
    prevDeadline: null,
    nextDeadline: null,
    deadlines: null,
    expire: () => log.push(name),
  };
}

describe('request deadlines (one timer per timeout value)', () => {
  it('expires only the requests still in flight, oldest first, each once', async () => {
    const log: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => entry(log, n)) as DeadlineEntry[];
    const now = performance.now();
    watchDeadline(a!, 40, now);
    watchDeadline(b!, 40, now + 1);
    watchDeadline(c!, 40, now + 2);
    watchDeadline(d!, 40, now + 60);
    b!.deadlines?.remove(b!);
    expect(b!.deadlines).toBeNull();
    await sleep(70);
    expect(log).toEqual(['a', 'c']);
    expect(a!.deadlines).toBeNull();
    await sleep(50);
    expect(log).toEqual(['a', 'c', 'd']);
  });

  it('keeps separate timeouts apart and removing twice is harmless', async () => {
    const log: string[] = [];
    const slow = entry(log, 'slow');
    const fast = entry(log, 'fast');
    const now = performance.now();
    watchDeadline(slow, 80, now);
    watchDeadline(fast, 20, now);
    await sleep(50);
    expect(log).toEqual(['fast']);
    slow.deadlines?.remove(slow);
    slow.deadlines?.remove(slow);
    await sleep(60);
    expect(log).toEqual(['fast']);
  });
});
