// Which functions each call of the bundle may reach: a field-based flow analysis of function values
// (the approximate call graphs of Feldthaus et al., ICSE 2013). Variables are told apart by Babel's
// scope bindings; object properties only by name, so `client.get(…)` may reach every function stored
// under `get` anywhere — an over-approximation, which is what the transform needs: a call that may
// reach a function made async gets awaited. Values made outside the script are UNKNOWN and may be any
// function the script handed out; those hand-outs are recorded as sinks for the transform to judge.
// Iterated to a fixpoint (sets only grow). Runs in: Node (load time).
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { classNameOf, memberName, nameOf, roleOf, staticKeyName } from './ast-names.ts';
import {
  bundlerHelperName,
  isExportHelper,
  isModuleWrapperHelper,
  isPassThroughHelper,
  isPublicFieldHelper,
} from './bundler-helpers.ts';
import {
  bundlerHelper,
  EVAL,
  EXTERNAL,
  type FlowValue,
  k6Function,
  k6Module,
  NO_VALUES,
  REQUIRE,
  type ScriptClass,
  ScriptFunction,
  UNKNOWN,
  type ValueSet,
} from './flow-values.ts';
import {
  isCheck,
  isGroup,
  isTimer,
  K6_MODULE_PREFIX,
  PROMISE_CALLBACK_METHODS,
  PROTOCOL_METHODS,
  SEQUENTIAL_CALLBACK_METHODS,
} from './k6-blocking-api.ts';
import { isBuiltinMethodName } from './builtin-method-names.ts';

/** Slot of array elements (and of anything read with a computed key). */
const ELEMENT = '\u0000element';
/** Slot of properties stored under a computed key: readable under any name. */
const COMPUTED = '\u0000computed';

/** Where a function value went that the script's own calls do not account for. */
export type SinkKind =
  | 'external'
  | 'promise'
  | 'timer'
  | 'iteration'
  | 'group'
  | 'check'
  | 'exported'
  | 'protocol';

export type CallPath = NodePath<
  t.CallExpression | t.OptionalCallExpression | t.NewExpression | t.TaggedTemplateExpression
>;

/** Where a call runs: in a function's body, or where `await` cannot be written. */
export type CallContext = ScriptFunction | 'init' | 'parameter' | 'class-field';

export interface ResolvedCall {
  /** What the callee may be (UNKNOWN expanded to every function the script let out). */
  targets: ValueSet;
  /** The arguments as the targets receive them (`.call` drops thisArg). */
  args: NodePath[];
  /** From this index on the targets receive values the analysis cannot see (spread, `.apply`). */
  opaqueArgsFrom: number | undefined;
  /** `xs.forEach(cb)` → 'forEach': the method name when the callee is a property read. */
  methodName: string | undefined;
  /** The callee may be a function outside the script (a built-in, a global). */
  mayBeExternal: boolean;
  /** `.call`/`.apply`/`.bind` on a function value of the script. */
  via: 'call' | 'apply' | 'bind' | undefined;
}

const CALLABLE = new Set(['function', 'class', 'k6', 'helper', 'require', 'eval']);

/** What the language calls on an object handed to it: a property descriptor's accessors, a Proxy's traps. */
const ACCESSORS_AND_TRAPS = new Set([
  'get',
  'set',
  'has',
  'apply',
  'construct',
  'deleteProperty',
  'defineProperty',
  'getOwnPropertyDescriptor',
  'ownKeys',
  'getPrototypeOf',
  'setPrototypeOf',
  'isExtensible',
  'preventExtensions',
]);

const addAll = (target: Set<FlowValue>, values: Iterable<FlowValue>): boolean => {
  const before = target.size;
  for (const value of values) target.add(value);
  return target.size !== before;
};

export class FunctionFlow {
  readonly functions: ScriptFunction[] = [];
  readonly calls: CallPath[] = [];
  /** `eval(…)`, `Function(…)`, `with`: code the analysis cannot see. */
  readonly evalSites: NodePath[] = [];
  /** check() calls whose condition set is not an object literal the analysis can read. */
  readonly opaqueChecks: CallPath[] = [];

  readonly #functionsByNode = new Map<t.Node, ScriptFunction>();
  readonly #classesByNode = new Map<t.Node, ScriptClass>();
  readonly #helpers = new Map<Binding, string>();
  readonly #bindings = new Map<Binding, Set<FlowValue>>();
  readonly #slots = new Map<string, Set<FlowValue>>();
  readonly #returns = new Map<ScriptFunction, Set<FlowValue>>();
  /** Every function value stored in an object or array, or given to code of unknown purpose: what UNKNOWN may be. */
  readonly #data = new Set<FlowValue>();
  readonly #escaped = new Set<ScriptFunction>();
  readonly #sinks = new Map<FlowValue, Map<NodePath, SinkKind>>();
  /** Object literals given to `__export`: their getters are exports, not properties. */
  readonly #exportObjects = new Set<t.Node>();
  readonly #declarators: NodePath<t.VariableDeclarator>[] = [];
  readonly #assignments: NodePath<t.AssignmentExpression>[] = [];
  readonly #objects: NodePath<t.ObjectExpression>[] = [];
  readonly #arrays: NodePath<t.ArrayExpression>[] = [];
  readonly #classes: NodePath<t.Class>[] = [];
  readonly #returnSites: NodePath<t.ReturnStatement>[] = [];
  readonly #loops: NodePath<t.ForOfStatement>[] = [];
  #changed = false;

  constructor(program: NodePath<t.Program>) {
    this.#findHelpers(program);
    this.#collect(program);
    this.#solve();
  }

  /** Functions this value flowed to the script does not call itself (sinks), by site. */
  sinksOf(value: FlowValue): ReadonlyMap<NodePath, SinkKind> {
    return this.#sinks.get(value) ?? new Map();
  }

  /** Every value that reached a sink. */
  sinkValues(): FlowValue[] {
    return [...this.#sinks.keys()];
  }

  /** Function values stored under `name` on some object. */
  slotValues(name: string): ValueSet {
    return this.#slots.get(name) ?? NO_VALUES;
  }

  /** Every value stored in any object or array, or let out (what an UNKNOWN callee may be). */
  get dataValues(): ValueSet {
    return this.#data;
  }

  functionOf(node: t.Node): ScriptFunction | undefined {
    return this.#functionsByNode.get(node);
  }

  // ── collection ────────────────────────────────────────────────────────────────────────────────

  /** esbuild's helpers are top-level `var __x = …` declarations: remembered by binding, never analysed. */
  #findHelpers(program: NodePath<t.Program>): void {
    for (const statement of program.get('body')) {
      const declarations = statement.isVariableDeclaration()
        ? statement.get('declarations')
        : statement.isFunctionDeclaration()
          ? [statement]
          : [];
      for (const declaration of declarations) {
        const id = declaration.node.id;
        if (!t.isIdentifier(id)) continue;
        const helper = bundlerHelperName(id.name);
        const binding = program.scope.getBinding(id.name);
        if (helper && binding) this.#helpers.set(binding, helper);
      }
    }
  }

  #isHelperDeclaration(path: NodePath): boolean {
    const node = path.node;
    if (!(t.isVariableDeclarator(node) || t.isFunctionDeclaration(node)) || !t.isIdentifier(node.id))
      return false;
    const binding = path.scope.getBinding(node.id.name);
    return !!binding && this.#helpers.has(binding) && binding.path.node === node;
  }

  #collect(program: NodePath<t.Program>): void {
    program.traverse({
      VariableDeclarator: (p) => {
        if (this.#isHelperDeclaration(p)) return p.skip();
        this.#declarators.push(p);
      },
      Function: (p) => {
        if (p.isFunctionDeclaration() && this.#isHelperDeclaration(p)) return p.skip();
        const fn = new ScriptFunction(p, nameOf(p), roleOf(p));
        this.functions.push(fn);
        this.#functionsByNode.set(p.node, fn);
        this.#returns.set(fn, new Set());
        const id = (p.isFunctionDeclaration() || p.isFunctionExpression()) && p.node.id;
        if (id) {
          // A declaration binds its name outside, a named expression inside its own scope.
          const scope = p.isFunctionDeclaration() ? p.parentPath.scope : p.scope;
          const binding = scope.getBinding(id.name);
          if (binding) this.#bindingSet(binding).add(fn);
        }
      },
      Class: (p) => {
        const name = classNameOf(p) ?? 'anonymous class';
        const value: ScriptClass = { kind: 'class', name };
        this.#classesByNode.set(p.node, value);
        if (p.node.id) {
          const scope = p.isClassDeclaration() ? p.parentPath.scope : p.scope;
          const binding = scope.getBinding(p.node.id.name);
          if (binding) this.#bindingSet(binding).add(value);
        }
        this.#classes.push(p);
      },
      AssignmentExpression: (p) => {
        this.#assignments.push(p);
      },
      ObjectExpression: (p) => {
        this.#objects.push(p);
      },
      ArrayExpression: (p) => {
        this.#arrays.push(p);
      },
      ReturnStatement: (p) => {
        this.#returnSites.push(p);
      },
      ForOfStatement: (p) => {
        this.#loops.push(p);
      },
      WithStatement: (p) => {
        this.evalSites.push(p);
      },
      'CallExpression|OptionalCallExpression|NewExpression|TaggedTemplateExpression': (p) => {
        this.calls.push(p as CallPath);
      },
    });
    // After the walk: a call is entered before the functions among its arguments are seen.
    for (const call of this.calls) this.#noteHelperCall(call);
    for (const cls of this.#classes) {
      const value = this.#classesByNode.get(cls.node)!;
      for (const member of cls.get('body').get('body'))
        if (member.isClassMethod() && member.node.kind === 'constructor')
          value.constructorFn = this.#functionsByNode.get(member.node);
    }
  }

  /** What the bundler's helpers tell once: exports, and functions that are module bodies. */
  #noteHelperCall(call: CallPath): void {
    const helper = this.#helperCalled(call);
    if (!helper) return;
    const args = (call.node as t.CallExpression).arguments;
    if (isExportHelper(helper) && t.isObjectExpression(args[1])) this.#exportObjects.add(args[1]);
    if (isModuleWrapperHelper(helper) && t.isObjectExpression(args[0]))
      for (const property of args[0].properties) {
        const fn = t.isObjectMethod(property)
          ? property
          : t.isObjectProperty(property) && t.isFunction(property.value)
            ? property.value
            : undefined;
        const info = fn && this.#functionsByNode.get(fn);
        if (info) info.moduleBody = true;
      }
  }

  #helperCalled(call: CallPath): string | undefined {
    if (!call.isCallExpression()) return undefined;
    const callee = call.get('callee');
    if (!callee.isIdentifier()) return undefined;
    const binding = callee.scope.getBinding(callee.node.name);
    return binding ? this.#helpers.get(binding) : undefined;
  }

  // ── the fixpoint ──────────────────────────────────────────────────────────────────────────────

  #solve(): void {
    do {
      this.#changed = false;
      for (const p of this.#declarators) {
        const init = p.get('init');
        if (init.node) this.#assign(p.get('id'), this.valuesOf(init));
      }
      for (const p of this.#assignments)
        if (['=', '||=', '&&=', '??='].includes(p.node.operator))
          this.#assign(p.get('left'), this.valuesOf(p.get('right')), p);
      for (const p of this.#objects) this.#objectFlows(p);
      for (const p of this.#arrays)
        for (const element of p.get('elements'))
          if (element.node && !element.isSpreadElement()) this.#addSlot(ELEMENT, this.valuesOf(element), p);
      for (const p of this.#classes) this.#classFlows(p);
      for (const p of this.#returnSites) {
        const fn = this.#enclosingFunction(p);
        if (fn) this.#flowInto(this.#returns.get(fn)!, this.valuesOf(p.get('argument')));
      }
      for (const fn of this.functions) {
        const body = fn.path.get('body');
        if (fn.role === 'arrow' && !Array.isArray(body) && !body.isBlockStatement())
          this.#flowInto(this.#returns.get(fn)!, this.valuesOf(body));
      }
      for (const p of this.#loops) {
        const left = p.get('left');
        const target = left.isVariableDeclaration() ? left.get('declarations')[0]?.get('id') : left;
        if (target) this.#assign(target, this.#elementValues());
      }
      for (const call of this.calls) this.#callFlows(call);
      for (const fn of this.#escaped)
        for (const param of fn.path.get('params')) this.#assign(param, new Set([UNKNOWN]));
    } while (this.#changed);
  }

  #enclosingFunction(p: NodePath): ScriptFunction | undefined {
    const fn = p.getFunctionParent();
    return fn ? this.#functionsByNode.get(fn.node) : undefined;
  }

  #bindingSet(binding: Binding): Set<FlowValue> {
    let set = this.#bindings.get(binding);
    if (!set) {
      set = new Set();
      this.#bindings.set(binding, set);
    }
    return set;
  }

  #flowInto(target: Set<FlowValue>, values: Iterable<FlowValue>): void {
    if (addAll(target, values)) this.#changed = true;
  }

  #addSlot(name: string, values: ValueSet, site: NodePath): void {
    if (values.size === 0) return;
    let set = this.#slots.get(name);
    if (!set) {
      set = new Set();
      this.#slots.set(name, set);
    }
    this.#flowInto(set, values);
    this.#flowInto(this.#data, values);
    this.#recordSink(values, 'protocol', site, name);
  }

  #elementValues(): ValueSet {
    return new Set([...(this.#slots.get(ELEMENT) ?? []), UNKNOWN]);
  }

  #objectFlows(p: NodePath<t.ObjectExpression>): void {
    if (this.#exportObjects.has(p.node)) return;
    for (const property of p.get('properties')) {
      if (property.isObjectProperty()) {
        const name = staticKeyName(property.node.key, property.node.computed) ?? COMPUTED;
        this.#addSlot(name, this.valuesOf(property.get('value')), property);
      } else if (property.isObjectMethod() && property.node.kind === 'method') {
        const fn = this.#functionsByNode.get(property.node);
        const name = staticKeyName(property.node.key, property.node.computed) ?? COMPUTED;
        if (fn) this.#addSlot(name, new Set([fn]), property);
      }
    }
  }

  #classFlows(p: NodePath<t.Class>): void {
    for (const member of p.get('body').get('body')) {
      const node = member.node;
      if ((t.isClassMethod(node) || t.isClassPrivateMethod(node)) && node.kind === 'method') {
        const fn = this.#functionsByNode.get(node);
        const name = staticKeyName(node.key, node.computed ?? false) ?? COMPUTED;
        if (fn) this.#addSlot(name, new Set([fn]), member);
      } else if (
        (t.isClassProperty(node) || t.isClassPrivateProperty(node) || t.isClassAccessorProperty(node)) &&
        node.value
      ) {
        const name =
          staticKeyName(node.key, 'computed' in node ? (node.computed ?? false) : false) ?? COMPUTED;
        this.#addSlot(name, this.valuesOf(member.get('value') as NodePath), member);
      }
    }
  }

  /** Bind `values` to a pattern (declaration, assignment target, parameter). */
  #assign(target: NodePath, values: ValueSet, site: NodePath = target): void {
    const node = target.node;
    if (t.isIdentifier(node)) {
      const binding = target.scope.getBinding(node.name);
      if (binding) this.#flowInto(this.#bindingSet(binding), values);
      else this.#addSlot(node.name, values, site); // an implicit global is a property of the global object
    } else if (t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) {
      this.#addSlot(memberName(node) ?? COMPUTED, values, site);
      if (this.#isModuleExports(target as NodePath<t.MemberExpression>))
        this.#recordSink(values, 'exported', site);
    } else if (t.isObjectPattern(node)) {
      for (const property of (target as NodePath<t.ObjectPattern>).get('properties')) {
        if (!property.isObjectProperty()) continue;
        const name = staticKeyName(property.node.key, property.node.computed);
        const read = name === undefined ? this.#anyProperty() : this.#propertyValues(values, name);
        this.#assign(property.get('value'), read, site);
      }
    } else if (t.isArrayPattern(node)) {
      for (const element of (target as NodePath<t.ArrayPattern>).get('elements'))
        if (element.node) this.#assign(element as NodePath, this.#elementValues(), site);
    } else if (t.isAssignmentPattern(node)) {
      const pattern = target as NodePath<t.AssignmentPattern>;
      const withDefault = new Set([...values, ...this.valuesOf(pattern.get('right'))]);
      this.#assign(pattern.get('left'), withDefault, site);
    } else if (t.isRestElement(node)) {
      this.#assign((target as NodePath<t.RestElement>).get('argument'), NO_VALUES, site);
    }
  }

  /** `module.exports = …`, `module.exports.x = …`, `exports.x = …` with `module`/`exports` free. */
  #isModuleExports(target: NodePath<t.MemberExpression>): boolean {
    let object: t.Node = target.node;
    while (t.isMemberExpression(object)) {
      const inner: t.Node = object.object;
      if (t.isIdentifier(inner) && (inner.name === 'module' || inner.name === 'exports'))
        return !target.scope.getBinding(inner.name);
      object = inner;
    }
    return false;
  }

  // ── values of expressions ─────────────────────────────────────────────────────────────────────

  /** What `path` may evaluate to (as far as the fixpoint got). */
  valuesOf(path: NodePath<t.Node | null | undefined> | null | undefined): ValueSet {
    if (!path?.node) return NO_VALUES;
    const node = path.node;
    switch (node.type) {
      case 'Identifier':
        return this.#identifierValues(path as NodePath<t.Identifier>);
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const fn = this.#functionsByNode.get(node);
        return fn ? new Set([fn]) : NO_VALUES;
      }
      case 'ClassExpression': {
        const cls = this.#classesByNode.get(node);
        return cls ? new Set([cls]) : NO_VALUES;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return this.#memberValues(path as NodePath<t.MemberExpression>);
      case 'CallExpression':
      case 'OptionalCallExpression':
        return this.#callResultValues(path as CallPath);
      case 'ConditionalExpression': {
        const p = path as NodePath<t.ConditionalExpression>;
        return new Set([...this.valuesOf(p.get('consequent')), ...this.valuesOf(p.get('alternate'))]);
      }
      case 'LogicalExpression': {
        const p = path as NodePath<t.LogicalExpression>;
        return new Set([...this.valuesOf(p.get('left')), ...this.valuesOf(p.get('right'))]);
      }
      case 'SequenceExpression': {
        const expressions = (path as NodePath<t.SequenceExpression>).get('expressions');
        return this.valuesOf(expressions[expressions.length - 1]);
      }
      case 'AssignmentExpression':
        return this.valuesOf((path as NodePath<t.AssignmentExpression>).get('right'));
      case 'ParenthesizedExpression':
        return this.valuesOf((path as NodePath<t.ParenthesizedExpression>).get('expression'));
      case 'AwaitExpression':
        return this.valuesOf((path as NodePath<t.AwaitExpression>).get('argument'));
      default:
        return NO_VALUES;
    }
  }

  #identifierValues(path: NodePath<t.Identifier>): ValueSet {
    const name = path.node.name;
    const binding = path.scope.getBinding(name);
    if (binding) {
      const helper = this.#helpers.get(binding);
      if (helper) return new Set([bundlerHelper(helper)]);
      return this.#bindings.get(binding) ?? NO_VALUES;
    }
    if (name === 'require') return new Set([REQUIRE]);
    if (name === 'eval' || name === 'Function') return new Set([EVAL]);
    if (isTimer('global', name)) return new Set([k6Function('global', name)]);
    return new Set([...(this.#slots.get(name) ?? []), EXTERNAL]);
  }

  /** Everything readable through a computed key. */
  #anyProperty(): ValueSet {
    return new Set([...this.#data, EXTERNAL]);
  }

  /** `o.name` where `o` may be `objectValues`: k6 module members, plus whatever any object stores there. */
  #propertyValues(objectValues: ValueSet, name: string): ValueSet {
    const out = new Set<FlowValue>();
    let onlyModules = objectValues.size > 0;
    for (const value of objectValues) {
      if (value.kind === 'module') out.add(name === 'default' ? value : k6Function(value.module, name));
      else onlyModules = false;
    }
    if (onlyModules) return out;
    const stored = this.#slots.get(name);
    if (stored) addAll(out, stored);
    const computed = this.#slots.get(COMPUTED);
    if (computed) addAll(out, computed);
    const scriptFunctions = [...out].some((v) => v.kind === 'function' || v.kind === 'class');
    if (!scriptFunctions || isBuiltinMethodName(name)) out.add(EXTERNAL);
    return out;
  }

  #memberValues(path: NodePath<t.MemberExpression | t.OptionalMemberExpression>): ValueSet {
    const objectValues = this.valuesOf(path.get('object') as NodePath);
    const name = memberName(path.node);
    if (name !== undefined) return this.#propertyValues(objectValues, name);
    const out = new Set(this.#anyProperty());
    // `http[method](…)`: any member of the module, the blocking ones included.
    for (const value of objectValues) if (value.kind === 'module') out.add(value);
    return out;
  }

  #callResultValues(path: CallPath): ValueSet {
    const call = this.resolveCall(path);
    const out = new Set<FlowValue>();
    if (call.via === 'bind') return call.targets;
    const args = call.args;
    for (const target of call.targets) {
      switch (target.kind) {
        case 'function':
          addAll(out, this.#returns.get(target) ?? []);
          break;
        case 'k6':
          if (isGroup(target.module, target.name))
            for (const callback of this.valuesOf(args[1]))
              if (callback.kind === 'function') addAll(out, this.#returns.get(callback) ?? []);
          break;
        case 'helper':
          if (isPassThroughHelper(target.name)) addAll(out, this.valuesOf(args[0]));
          break;
        case 'require': {
          const name = args[0]?.node;
          if (t.isStringLiteral(name) && name.value.split('/')[0] === K6_MODULE_PREFIX)
            out.add(k6Module(name.value));
          break;
        }
        case 'external':
        case 'unknown':
          out.add(UNKNOWN);
          break;
      }
    }
    return out;
  }

  // ── calls ─────────────────────────────────────────────────────────────────────────────────────

  /** What a call may reach and what its targets receive. */
  resolveCall(path: CallPath): ResolvedCall {
    const calleePath = (path.isTaggedTemplateExpression() ? path.get('tag') : path.get('callee')) as NodePath;
    const argPaths = path.isTaggedTemplateExpression()
      ? []
      : ((path as NodePath<t.CallExpression>).get('arguments') as NodePath[]);
    const methodName = memberName(calleePath.node);
    let targets: ValueSet = NO_VALUES;
    let args = argPaths;
    let via: ResolvedCall['via'];
    if (
      (methodName === 'call' || methodName === 'apply' || methodName === 'bind') &&
      !(calleePath.node as t.MemberExpression).computed
    ) {
      const functions = [...this.valuesOf(calleePath.get('object') as NodePath)].filter(
        (v) => v.kind === 'function' || v.kind === 'k6',
      );
      if (functions.length > 0) {
        via = methodName;
        targets = new Set([...functions, ...(this.#slots.get(methodName) ?? [])]);
        args = methodName === 'call' ? argPaths.slice(1) : methodName === 'apply' ? [] : argPaths;
      }
    }
    if (!via) targets = this.valuesOf(calleePath);
    if (targets.has(UNKNOWN)) targets = new Set([...targets, ...this.#data]);
    const spread = args.findIndex((a) => a.isSpreadElement());
    const opaqueArgsFrom = via === 'apply' ? 0 : spread >= 0 ? spread : undefined;
    const callable = [...targets].some((v) => CALLABLE.has(v.kind));
    const mayBeExternal = targets.has(EXTERNAL) || targets.has(UNKNOWN) || !callable;
    return { targets, args, opaqueArgsFrom, methodName, mayBeExternal, via };
  }

  #callFlows(path: CallPath): void {
    const call = this.resolveCall(path);
    if (call.via === 'bind') return;
    const { args } = call;
    for (const target of call.targets) {
      if (target.kind === 'function') this.#flowArguments(target, call);
      else if (target.kind === 'class' && target.constructorFn)
        this.#flowArguments(target.constructorFn, call);
      else if (target.kind === 'k6') {
        if (isGroup(target.module, target.name)) this.#recordSink(this.valuesOf(args[1]), 'group', path);
        else if (isCheck(target.module, target.name)) this.#checkFlows(path, args[1]);
        else if (isTimer(target.module, target.name)) this.#recordSink(this.valuesOf(args[0]), 'timer', path);
      } else if (target.kind === 'helper') this.#helperFlows(target.name, path, args);
      else if (target.kind === 'eval' && !this.evalSites.includes(path)) this.evalSites.push(path);
    }
    if (!call.mayBeExternal) return;
    const name = call.methodName;
    args.forEach((arg, index) => {
      const values = arg.isSpreadElement() ? this.#elementValues() : this.valuesOf(arg);
      // Outside code calls an accessor descriptor's get/set and a Proxy handler's traps: those
      // leave the script as surely as a function passed directly.
      this.#recordSink(this.#accessorsOfLiteral(arg), 'external', path);
      const kind: SinkKind =
        name && PROMISE_CALLBACK_METHODS.includes(name)
          ? 'promise'
          : name && SEQUENTIAL_CALLBACK_METHODS.includes(name) && index === 0
            ? 'iteration'
            : 'external';
      this.#recordSink(values, kind, path);
    });
  }

  /**
   * The accessor and trap functions of an object literal (or a constant bound to one), in nested
   * literals too (`Object.defineProperties(o, { p: { get() {…} } })`).
   */
  #accessorsOfLiteral(path: NodePath, depth = 0): ValueSet {
    let literal: NodePath | undefined = path;
    if (path.isIdentifier()) {
      const binding = path.scope.getBinding(path.node.name);
      literal =
        binding?.constant && binding.path.isVariableDeclarator()
          ? (binding.path.get('init') as NodePath)
          : undefined;
    }
    if (!literal?.isObjectExpression() || depth > 2) return NO_VALUES;
    const out = new Set<FlowValue>();
    for (const property of literal.get('properties')) {
      if (!property.isObjectMethod() && !property.isObjectProperty()) continue;
      const name = staticKeyName(property.node.key, property.node.computed);
      const called = name !== undefined && ACCESSORS_AND_TRAPS.has(name);
      if (property.isObjectMethod()) {
        const fn = this.#functionsByNode.get(property.node);
        if (fn && called) out.add(fn);
      } else {
        const value = property.get('value') as NodePath;
        if (called) addAll(out, this.valuesOf(value));
        addAll(out, this.#accessorsOfLiteral(value, depth + 1));
      }
    }
    return out;
  }

  #flowArguments(fn: ScriptFunction, call: ResolvedCall): void {
    const params = fn.path.get('params') as NodePath[];
    params.forEach((param, index) => {
      if (param.isRestElement()) {
        const rest = call.args.slice(index).flatMap((a) => [...this.valuesOf(a)]);
        this.#addSlot(ELEMENT, new Set(rest), param);
        return;
      }
      const opaque = call.opaqueArgsFrom !== undefined && index >= call.opaqueArgsFrom;
      const arg = call.args[index];
      if (opaque) this.#assign(param, this.#elementValues());
      else if (arg) this.#assign(param, this.valuesOf(arg));
      else this.#assign(param, NO_VALUES); // a default value may still bring a function
    });
  }

  /** check(value, { name: condition }): k6 calls each condition (the conditions leave the script). */
  #checkFlows(path: CallPath, sets: NodePath | undefined): void {
    let literal: NodePath | undefined = sets;
    if (sets?.isIdentifier()) {
      const binding = sets.scope.getBinding(sets.node.name);
      const declarator = binding?.constant && binding.path.isVariableDeclarator() ? binding.path : undefined;
      literal = declarator?.get('init') as NodePath | undefined;
    }
    if (!literal?.isObjectExpression()) {
      if (!this.opaqueChecks.includes(path)) this.opaqueChecks.push(path);
      return;
    }
    for (const property of literal.get('properties')) {
      const values = property.isObjectProperty()
        ? this.valuesOf(property.get('value'))
        : property.isObjectMethod()
          ? new Set([this.#functionsByNode.get(property.node)!])
          : NO_VALUES;
      this.#recordSink(values, 'check', path);
    }
  }

  #helperFlows(helper: string, path: CallPath, args: NodePath[]): void {
    if (isExportHelper(helper)) {
      const exports = args[1];
      if (!exports?.isObjectExpression()) return;
      for (const property of exports.get('properties')) {
        const getter = property.isObjectProperty() ? this.valuesOf(property.get('value')) : NO_VALUES;
        for (const fn of getter)
          if (fn.kind === 'function') this.#recordSink(this.#returns.get(fn) ?? NO_VALUES, 'exported', path);
      }
    } else if (isPublicFieldHelper(helper)) {
      const key = args[1]?.node;
      if (t.isStringLiteral(key)) this.#addSlot(key.value, this.valuesOf(args[2]), path);
    } else if (!isPassThroughHelper(helper) && !isModuleWrapperHelper(helper)) {
      for (const arg of args) this.#recordSink(this.valuesOf(arg), 'external', path);
    }
  }

  /**
   * Remember that `values` were handed to code outside the script (or, for 'protocol', stored under a
   * name the language calls by itself). Such functions are called with values the script cannot see.
   */
  #recordSink(values: ValueSet, kind: SinkKind, site: NodePath, slotName?: string): void {
    if (kind === 'protocol' && !(slotName && isProtocolName(slotName))) return;
    for (const value of values) {
      if (value.kind !== 'function' && value.kind !== 'k6' && value.kind !== 'module') continue;
      let sites = this.#sinks.get(value);
      if (!sites) {
        sites = new Map();
        this.#sinks.set(value, sites);
      }
      if (!sites.has(site)) {
        sites.set(site, kind);
        this.#changed = true;
      }
      if (value.kind === 'function' && kind !== 'group' && !this.#escaped.has(value)) {
        this.#escaped.add(value);
        this.#changed = true;
      }
      // Only code of unknown purpose may hand a function back to the script (timers, promise
      // callbacks, the runner calling exports, check() and the sequential helpers never do).
      if (value.kind === 'function' && kind === 'external' && !this.#data.has(value)) {
        this.#data.add(value);
        this.#changed = true;
      }
    }
  }

  /** Where a call runs, as far as `await` is concerned. */
  contextOf(path: NodePath): CallContext {
    let child: NodePath = path;
    let parent = path.parentPath;
    while (parent) {
      if (parent.isFunction()) {
        const fn = this.#functionsByNode.get(parent.node);
        if (!fn || child.node !== parent.node.body) return 'parameter';
        return fn.moduleBody ? 'init' : fn;
      }
      if (
        (parent.isClassProperty() ||
          parent.isClassPrivateProperty() ||
          parent.isClassAccessorProperty() ||
          parent.isStaticBlock()) &&
        child.node !== (parent.node as { key?: t.Node }).key
      )
        return 'class-field';
      if (parent.isProgram()) return 'init';
      child = parent;
      parent = parent.parentPath;
    }
    return 'init';
  }
}

const isProtocolName = (name: string): boolean => PROTOCOL_METHODS.includes(name);
