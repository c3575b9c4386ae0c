// The sequential helpers a transformed script calls for `xs.forEach(fn)` / `xs.map(fn)` with a
// blocking fn: one element at a time, each awaited, with the built-ins' arguments and hole skipping.
import { describe, expect, it } from 'vitest';
import { BLOCKING_RUNTIME } from '../../../../src/runner/blocking-calls/blocking-runtime.ts';

const tick = () => new Promise((r) => setImmediate(r));

/** ['a', <hole>, 'c']: index 1 does not exist, as in a literal with an elision. */
function withHole(): unknown[] {
  const list: unknown[] = ['a'];
  list[2] = 'c';
  return list;
}

/** A blocking-style callback: logs start and end a tick apart, so overlapping calls show. */
function recorder(log: string[]) {
  return async function (this: unknown, value: unknown, key: unknown) {
    log.push(`start ${String(key)}=${String(value)}`);
    await tick();
    log.push(`end ${String(key)}`);
    return `${String(value)}!`;
  };
}

describe('BLOCKING_RUNTIME.forEach', () => {
  it('runs an array one element at a time, skipping holes, with (value, index, array) and thisArg', async () => {
    const log: string[] = [];
    const list = withHole();
    const seen: unknown[] = [];
    await BLOCKING_RUNTIME.forEach(
      list,
      async function (this: { tag: string }, value: unknown, index: unknown, array: unknown) {
        seen.push([this.tag, array === list]);
        await recorder(log)(value, index);
      },
      { tag: 't' },
    );
    expect(log).toEqual(['start 0=a', 'end 0', 'start 2=c', 'end 2']);
    expect(seen).toEqual([
      ['t', true],
      ['t', true],
    ]);
  });

  it('runs Maps as (value, key) and Sets as (value, value), in order', async () => {
    const log: string[] = [];
    await BLOCKING_RUNTIME.forEach(
      new Map([
        ['k1', 1],
        ['k2', 2],
      ]),
      recorder(log),
    );
    await BLOCKING_RUNTIME.forEach(new Set(['s']), recorder(log));
    expect(log).toEqual(['start k1=1', 'end k1', 'start k2=2', 'end k2', 'start s=s', 'end s']);
  });

  it("awaits the script's own forEach (the transform made it async too)", async () => {
    const log: string[] = [];
    const own = {
      async forEach(fn: (v: string, k: string) => Promise<unknown>) {
        await fn('x', 'own');
        log.push('own done');
      },
    };
    await BLOCKING_RUNTIME.forEach(own, recorder(log));
    expect(log).toEqual(['start own=x', 'end own', 'own done']);
  });

  it('fails like the built-in for a missing callback or receiver, and refuses a built-in it cannot sequence', async () => {
    await expect(BLOCKING_RUNTIME.forEach([1], undefined)).rejects.toThrow(TypeError);
    await expect(BLOCKING_RUNTIME.forEach(undefined, () => 1)).rejects.toThrow(TypeError);
    const headers = { forEach: Array.prototype.some };
    await expect(BLOCKING_RUNTIME.forEach(headers, () => 1)).rejects.toThrow(/arrays, Maps and Sets only/);
  });
});

describe('BLOCKING_RUNTIME.map', () => {
  it('maps one element at a time and keeps holes and length', async () => {
    const log: string[] = [];
    const out = (await BLOCKING_RUNTIME.map(withHole(), recorder(log))) as unknown[];
    expect(out).toEqual(['a!', undefined, 'c!']);
    expect(1 in out).toBe(false);
    expect(log).toEqual(['start 0=a', 'end 0', 'start 2=c', 'end 2']);
  });
});
