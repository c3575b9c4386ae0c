// What a transformed script reaches as `__k6local`: the marker that tells group() its callback was
// made async by the transform (a callback the user wrote async is still refused, as k6 does), and
// forEach/map that run a blocking callback element after element, awaiting each, as k6 runs them
// (Array.prototype.forEach would start them all at once and wait for none). Runs in: VU thread.

/** group()'s third argument in a transformed script: "this callback may return a promise". */
export const TRANSFORMED_CALLBACK: unique symbol = Symbol('k6-local: callback made async by the transform');

type Callback = (value: unknown, key: unknown, collection: unknown) => unknown;

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as { forEach: unknown; map: unknown };
const NATIVE = /\{\s*\[native code\]\s*\}\s*$/;

function requireCallback(callback: unknown): asserts callback is Callback {
  if (typeof callback !== 'function') throw new TypeError(`${String(callback)} is not a function`);
}

/** Indexes of an array-like that exist (holes are skipped, as the built-ins skip them). */
function* presentIndexes(list: ArrayLike<unknown>): Generator<number> {
  const length = list.length >>> 0;
  for (let i = 0; i < length; i++) if (i in list) yield i;
}

function ownMethod(receiver: unknown, name: 'forEach' | 'map'): (...args: unknown[]) => unknown {
  const method = (receiver as Record<string, unknown>)[name];
  if (typeof method !== 'function') throw new TypeError(`${name} is not a function`);
  if (NATIVE.test(Function.prototype.toString.call(method)))
    throw new TypeError(
      `k6-local: ${name}() with a callback that makes blocking calls works on arrays, Maps and Sets only`,
    );
  return method as (...args: unknown[]) => unknown;
}

async function forEach(receiver: unknown, callback: unknown, thisArg?: unknown): Promise<void> {
  const method = (receiver as { forEach?: unknown }).forEach;
  if (method === Array.prototype.forEach || method === typedArrayPrototype.forEach) {
    requireCallback(callback);
    const list = receiver as ArrayLike<unknown>;
    for (const i of presentIndexes(list)) await callback.call(thisArg, list[i], i, list);
    return;
  }
  if (method === Map.prototype.forEach) {
    requireCallback(callback);
    for (const [key, value] of receiver as Map<unknown, unknown>)
      await callback.call(thisArg, value, key, receiver);
    return;
  }
  if (method === Set.prototype.forEach) {
    requireCallback(callback);
    for (const value of receiver as Set<unknown>) await callback.call(thisArg, value, value, receiver);
    return;
  }
  // The script's own forEach: the transform made it async too when it calls the callback.
  await ownMethod(receiver, 'forEach').call(receiver, callback, thisArg);
}

async function map(receiver: unknown, callback: unknown, thisArg?: unknown): Promise<unknown> {
  const method = (receiver as { map?: unknown }).map;
  if (method === Array.prototype.map) {
    requireCallback(callback);
    const list = receiver as unknown[];
    const out = new Array<unknown>(list.length >>> 0);
    for (const i of presentIndexes(list)) out[i] = await callback.call(thisArg, list[i], i, list);
    return out;
  }
  return await ownMethod(receiver, 'map').call(receiver, callback, thisArg);
}

/** The `__k6local` object every VU of a transformed script sees (stateless, so shared). */
export const BLOCKING_RUNTIME = Object.freeze({ transformedCallback: TRANSFORMED_CALLBACK, forEach, map });
