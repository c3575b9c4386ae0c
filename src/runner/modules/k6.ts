// The `k6` module for one VU: check (→ `checks` rate + root_group tree), group (sync only, like k6;
// → group_duration), fail, sleep. sleep() blocks the VU — and, since VUs share one thread here,
// every VU of the thread — via Atomics.wait; scenarios use a k6/timers pause instead. Runs in: VU thread.
import { performance } from 'node:perf_hooks';
import type { Vu } from '../vu.ts';

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

const isPromise = (value: unknown): value is Promise<unknown> =>
  !!value && typeof (value as Promise<unknown>).then === 'function';

export function createK6Module(vu: Vu) {
  function check(value: unknown, checks: Record<string, unknown>, tags?: Record<string, string>): boolean {
    let all = true;
    for (const name of Object.keys(checks)) {
      const condition = checks[name];
      const result = typeof condition === 'function' ? condition(value) : condition;
      if (isPromise(result))
        throw new Error('check() does not support async functions or promises; use an async check helper');
      const ok = !!result;
      const base = vu.sampleTags();
      vu.emit('checks', ok ? 1 : 0, tags ? { ...base, ...tags, check: name } : { ...base, check: name });
      if (!vu.interrupted) vu.host.checks.recordCheck(vu.groupPath, name, ok);
      if (!ok) all = false;
    }
    return all;
  }

  function group<T>(name: string, fn: () => T): T {
    if (typeof name !== 'string' || name.includes('::'))
      throw new Error(`group and check names may not contain '::' (got ${name})`);
    if (fn?.constructor?.name === 'AsyncFunction')
      throw new Error('group() does not support async functions');
    const parent = vu.groupPath;
    const path = `${parent}::${name}`;
    vu.host.checks.ensureGroup(path);
    vu.setGroup(path);
    const startMs = performance.now();
    try {
      const result = fn();
      if (isPromise(result))
        throw new Error('group() does not support async functions or returning promises');
      return result;
    } finally {
      vu.emit('group_duration', performance.now() - startMs, vu.sampleTags());
      vu.setGroup(parent);
    }
  }

  function fail(message?: string): never {
    throw new Error(message ?? '');
  }

  function sleep(seconds: number): void {
    const ms = Number(seconds) * 1000;
    if (!(ms > 0)) return;
    vu.host.noteSleepUsed();
    Atomics.wait(sleepCell, 0, 0, ms);
  }

  function randomSeed(): void {
    throw new Error('randomSeed() is not supported by the local runner');
  }

  return { check, group, fail, sleep, randomSeed };
}
