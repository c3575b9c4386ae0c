// The names the blocking-call transform reasons about: which k6 functions block the calling VU
// (k6's sync API), which take a callback the runner must be able to wait for (group) or must never
// get an async one (check), and which places tolerate a function that became async (timers, promise
// callbacks). One table, so the transform, the runtime and the docs agree. Runs in: Node (load time).

/** k6 functions that block the VU until done: in a transformed script they return promises. */
export const BLOCKING_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  'k6/http': ['get', 'post', 'put', 'patch', 'del', 'head', 'options', 'request', 'batch'],
  k6: ['sleep'],
};

/** k6 modules the script may import (a module object of these is followed member by member). */
export const K6_MODULE_PREFIX = 'k6';

export const isBlockingFunction = (module: string, name: string): boolean =>
  BLOCKING_FUNCTIONS[module]?.includes(name) ?? false;

/** `group(name, fn)`: fn may be a function the transform made async (the call is then awaited). */
export const isGroup = (module: string, name: string): boolean => module === 'k6' && name === 'group';

/** `check(value, sets)`: k6 rejects async conditions, so a condition that blocks cannot be transformed. */
export const isCheck = (module: string, name: string): boolean => module === 'k6' && name === 'check';

/** Timers call their callback later and ignore its result: an async callback behaves the same. */
const TIMER_FUNCTIONS: readonly string[] = ['setTimeout', 'setInterval'];
export const isTimer = (module: string, name: string): boolean =>
  (module === 'k6/timers' || module === 'global') && TIMER_FUNCTIONS.includes(name);

/** Promise callbacks: a returned promise is adopted, so an async callback gives the same result. */
export const PROMISE_CALLBACK_METHODS: readonly string[] = ['then', 'catch', 'finally'];

/** Array callbacks the transform runs in sequence through the runtime helper (as k6 runs them). */
export const SEQUENTIAL_CALLBACK_METHODS: readonly string[] = ['forEach', 'map'];

/**
 * Methods the language or k6 call on the script's objects by themselves; a function stored under one
 * of these names cannot become async (the caller would get a promise instead of a value).
 */
export const PROTOCOL_METHODS: readonly string[] = [
  'then',
  'toJSON',
  'toString',
  'valueOf',
  'next',
  'return',
  'throw',
  'handleEvent',
];

/** The runtime object the transformed script reaches the sequential helpers and group marker through. */
export const RUNTIME_NAME = '__k6local';
