// Names of methods the language's built-in objects (and k6's Response) have. `x.name(cb)` may call
// a built-in when `name` is one of these, so a callback handed to it leaves the script; a call of any
// other name can only reach the script's own functions stored under it. Read from this realm's
// prototypes rather than listed by hand, so it follows the Node version. Runs in: Node (load time).

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;

const OWNERS: readonly object[] = [
  Object,
  Object.prototype,
  Function.prototype,
  Array,
  Array.prototype,
  typedArrayPrototype,
  String,
  String.prototype,
  Number,
  Number.prototype,
  Boolean.prototype,
  Symbol.prototype,
  BigInt.prototype,
  Date,
  Date.prototype,
  RegExp.prototype,
  Error.prototype,
  Map.prototype,
  Set.prototype,
  WeakMap.prototype,
  WeakSet.prototype,
  Promise,
  Promise.prototype,
  ArrayBuffer,
  ArrayBuffer.prototype,
  DataView.prototype,
  JSON,
  Math,
  Reflect,
  console,
];

/** k6's Response methods (the runner's Response class is not reachable from here without a VU). */
const K6_RESPONSE_METHODS = ['json', 'html', 'submitForm', 'clickLink'];

const NAMES = new Set<string>([
  ...OWNERS.flatMap((owner) => Object.getOwnPropertyNames(owner)),
  ...K6_RESPONSE_METHODS,
]);

export const isBuiltinMethodName = (name: string): boolean => NAMES.has(name);
