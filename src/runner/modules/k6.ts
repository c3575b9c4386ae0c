// The `k6` module for one VU: check (→ `checks` rate + root_group tree), group (sync callbacks only,
// like k6; → group_duration), fail, sleep. In a script as written, sleep() blocks the VU — and, since
// VUs share one thread here, every VU of the thread — via Atomics.wait. In a script the blocking-call
// transform rewrote (`awaited`), sleep() returns a promise the script awaits, and group() also waits
// for a callback the transform made async (marked by its third argument); a callback the user wrote
// async is refused in both, as k6 refuses it. Runs in: VU thread.
import { performance } from 'node:perf_hooks';
import { TRANSFORMED_CALLBACK } from '../blocking-calls/blocking-runtime.ts';
import type { Vu } from '../vu.ts';

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

const isPromise = (value: unknown): value is Promise<unknown> =>
  !!value && typeof (value as Promise<unknown>).then === 'function';

export function createK6Module(vu: Vu, awaited = false) {
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

  function group<T>(name: string, fn: () => T, marker?: unknown): T | Promise<T> {
    if (typeof name !== 'string' || name.includes('::'))
      throw new Error(`group and check names may not contain '::' (got ${name})`);
    const madeAsync = awaited && marker === TRANSFORMED_CALLBACK;
    if (!madeAsync && fn?.constructor?.name === 'AsyncFunction')
      throw new Error('group() does not support async functions');
    const parent = vu.groupPath;
    const path = `${parent}::${name}`;
    vu.host.checks.ensureGroup(path);
    vu.setGroup(path);
    const startMs = performance.now();
    const end = () => {
      vu.emit('group_duration', performance.now() - startMs, vu.sampleTags());
      vu.setGroup(parent);
    };
    let result: T;
    try {
      result = fn();
    } catch (error) {
      end();
      throw error;
    }
    if (!isPromise(result)) {
      end();
      return result;
    }
    if (!madeAsync) {
      end();
      throw new Error('group() does not support async functions or returning promises');
    }
    // The group lasts until the callback's awaited calls are done, as the blocking callback did.
    return result.finally(end) as Promise<T>;
  }

  function fail(message?: string): never {
    throw new Error(message ?? '');
  }

  function blockingSleep(seconds: number): void {
    const ms = Number(seconds) * 1000;
    if (!(ms > 0)) return;
    vu.host.noteSleepUsed();
    Atomics.wait(sleepCell, 0, 0, ms);
  }

  /** The transformed script's sleep: this VU waits, the thread's other VUs go on. */
  function awaitedSleep(seconds: number): Promise<void> {
    const ms = Number(seconds) * 1000;
    if (!(ms > 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        vu.timers.delete(timer);
        resolve();
      }, ms);
      // Cleared with the VU's other timers when its iteration is interrupted (the iteration is abandoned).
      if (vu.interrupted) timer.unref();
      else vu.timers.add(timer);
    });
  }

  function randomSeed(): void {
    throw new Error('randomSeed() is not supported by the local runner');
  }

  return { check, group, fail, sleep: awaited ? awaitedSleep : blockingSleep, randomSeed };
}
