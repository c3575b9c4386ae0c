// The abstract values of the blocking-call analysis: which functions (or k6 functions, k6 module
// objects, classes) an expression may evaluate to. Functions of the script are identified by their
// AST node; everything the script cannot see is one of two markers (see EXTERNAL, UNKNOWN).
// Runs in: Node (load time).
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

export type FunctionKind = 'function' | 'arrow' | 'method' | 'getter' | 'setter' | 'constructor';

/** One function of the script (declaration, expression, arrow, method). */
export class ScriptFunction {
  readonly kind = 'function' as const;
  readonly path: NodePath<t.Function>;
  /** How a person would name it in a message: `login`, `Client.get`, `arrow function`. */
  readonly name: string;
  readonly role: FunctionKind;
  /** Written `async` by the user: its callers already handle a promise, so they are left alone. */
  readonly userAsync: boolean;
  readonly generator: boolean;
  /** The body of a CommonJS module the bundler wrapped: runs in the init context. */
  moduleBody = false;

  constructor(path: NodePath<t.Function>, name: string, role: FunctionKind) {
    this.path = path;
    this.name = name;
    this.role = role;
    this.userAsync = path.node.async ?? false;
    this.generator = path.node.generator ?? false;
  }
}

/** A class of the script: `new C()` runs its constructor. */
export interface ScriptClass {
  readonly kind: 'class';
  readonly name: string;
  constructorFn?: ScriptFunction;
}

/** A function of a k6 module (`module` 'global' for the runner's global timers). */
export interface K6Function {
  readonly kind: 'k6';
  readonly module: string;
  readonly name: string;
}

/** A k6 module object (`import http from 'k6/http'`, `import * as k6 from 'k6'`). */
export interface K6Module {
  readonly kind: 'module';
  readonly module: string;
}

/** One of the bundler's runtime helpers (`__toESM`, `__export`, …), modelled rather than analysed. */
export interface BundlerHelper {
  readonly kind: 'helper';
  readonly name: string;
}

/** `require` (k6 modules only) and `eval`/`Function` (code the analysis cannot see). */
export interface Special {
  readonly kind: 'require' | 'eval';
}

/** A function defined outside the script (a global or a built-in method): it calls only what it is given. */
export const EXTERNAL = Object.freeze({ kind: 'external' as const });
/** A value produced by code outside the script: it may be any function the script let out. */
export const UNKNOWN = Object.freeze({ kind: 'unknown' as const });

export type FlowValue =
  | ScriptFunction
  | ScriptClass
  | K6Function
  | K6Module
  | BundlerHelper
  | Special
  | typeof EXTERNAL
  | typeof UNKNOWN;

export type ValueSet = ReadonlySet<FlowValue>;
export const NO_VALUES: ValueSet = new Set();

const interned = new Map<string, K6Function | K6Module | BundlerHelper | Special>();
function intern<T extends K6Function | K6Module | BundlerHelper | Special>(key: string, make: () => T): T {
  const known = interned.get(key);
  if (known) return known as T;
  const value = Object.freeze(make()) as T;
  interned.set(key, value);
  return value;
}

export const k6Function = (module: string, name: string): K6Function =>
  intern(`fn:${module}:${name}`, () => ({ kind: 'k6', module, name }));
export const k6Module = (module: string): K6Module =>
  intern(`module:${module}`, () => ({ kind: 'module', module }));
export const bundlerHelper = (name: string): BundlerHelper =>
  intern(`helper:${name}`, () => ({ kind: 'helper', name }));
export const REQUIRE: Special = intern('require', () => ({ kind: 'require' }));
export const EVAL: Special = intern('eval', () => ({ kind: 'eval' }));

/** How a value is named in a message. */
export function describeValue(value: FlowValue): string {
  switch (value.kind) {
    case 'function':
      return value.name;
    case 'class':
      return `class ${value.name}`;
    case 'k6':
      return value.module === 'global' ? value.name : `${value.module.replace(/^k6\//, '')}.${value.name}`;
    case 'module':
      return `the '${value.module}' module object`;
    default:
      return value.kind;
  }
}
