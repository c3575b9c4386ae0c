// What an expression of the bundle may evaluate to, and what a call may reach, read off the tables of
// the function-flow analysis (flow-graph.ts) as far as its fixpoint got. One module because the two
// questions answer each other: a call's result is what its targets return, and its targets are the
// values of its callee. Property reads go by name only (`o.get` is everything stored under `get`
// anywhere), the over-approximation decision 006 relies on. Runs in: Node (load time).
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { memberName } from './ast-names.ts';
import { isPassThroughHelper } from './bundler-helpers.ts';
import { isBuiltinMethodName } from './builtin-method-names.ts';
import { addAll, COMPUTED, type CallPath, type FlowGraph } from './flow-graph.ts';
import {
  bundlerHelper,
  EVAL,
  EXTERNAL,
  type FlowValue,
  k6Function,
  k6Module,
  NO_VALUES,
  REQUIRE,
  UNKNOWN,
  type ValueSet,
} from './flow-values.ts';
import { isGroup, isTimer, K6_MODULE_PREFIX } from './k6-blocking-api.ts';

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

/** What `path` may evaluate to (as far as the fixpoint got). */
export function valuesOf(
  graph: FlowGraph,
  path: NodePath<t.Node | null | undefined> | null | undefined,
): ValueSet {
  if (!path?.node) return NO_VALUES;
  const node = path.node;
  switch (node.type) {
    case 'Identifier':
      return identifierValues(graph, path as NodePath<t.Identifier>);
    case 'FunctionExpression':
    case 'ArrowFunctionExpression': {
      const fn = graph.functionsByNode.get(node);
      return fn ? new Set([fn]) : NO_VALUES;
    }
    case 'ClassExpression': {
      const cls = graph.classesByNode.get(node);
      return cls ? new Set([cls]) : NO_VALUES;
    }
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return memberValues(graph, path as NodePath<t.MemberExpression>);
    case 'CallExpression':
    case 'OptionalCallExpression':
      return callResultValues(graph, path as CallPath);
    case 'ConditionalExpression': {
      const p = path as NodePath<t.ConditionalExpression>;
      return new Set([...valuesOf(graph, p.get('consequent')), ...valuesOf(graph, p.get('alternate'))]);
    }
    case 'LogicalExpression': {
      const p = path as NodePath<t.LogicalExpression>;
      return new Set([...valuesOf(graph, p.get('left')), ...valuesOf(graph, p.get('right'))]);
    }
    case 'SequenceExpression': {
      const expressions = (path as NodePath<t.SequenceExpression>).get('expressions');
      return valuesOf(graph, expressions[expressions.length - 1]);
    }
    case 'AssignmentExpression':
      return valuesOf(graph, (path as NodePath<t.AssignmentExpression>).get('right'));
    case 'ParenthesizedExpression':
      return valuesOf(graph, (path as NodePath<t.ParenthesizedExpression>).get('expression'));
    case 'AwaitExpression':
      return valuesOf(graph, (path as NodePath<t.AwaitExpression>).get('argument'));
    default:
      return NO_VALUES;
  }
}

function identifierValues(graph: FlowGraph, path: NodePath<t.Identifier>): ValueSet {
  const name = path.node.name;
  const binding = path.scope.getBinding(name);
  if (binding) {
    const helper = graph.helpers.get(binding);
    if (helper) return new Set([bundlerHelper(helper)]);
    return graph.bindings.get(binding) ?? NO_VALUES;
  }
  if (name === 'require') return new Set([REQUIRE]);
  if (name === 'eval' || name === 'Function') return new Set([EVAL]);
  if (isTimer('global', name)) return new Set([k6Function('global', name)]);
  return new Set([...(graph.slots.get(name) ?? []), EXTERNAL]);
}

/** Everything readable through a computed key. */
export function anyProperty(graph: FlowGraph): ValueSet {
  return new Set([...graph.data, EXTERNAL]);
}

/** `o.name` where `o` may be `objectValues`: k6 module members, plus whatever any object stores there. */
export function propertyValues(graph: FlowGraph, objectValues: ValueSet, name: string): ValueSet {
  const out = new Set<FlowValue>();
  let onlyModules = objectValues.size > 0;
  for (const value of objectValues) {
    if (value.kind === 'module') out.add(name === 'default' ? value : k6Function(value.module, name));
    else onlyModules = false;
  }
  if (onlyModules) return out;
  const stored = graph.slots.get(name);
  if (stored) addAll(out, stored);
  const computed = graph.slots.get(COMPUTED);
  if (computed) addAll(out, computed);
  const scriptFunctions = [...out].some((v) => v.kind === 'function' || v.kind === 'class');
  if (!scriptFunctions || isBuiltinMethodName(name)) out.add(EXTERNAL);
  return out;
}

function memberValues(
  graph: FlowGraph,
  path: NodePath<t.MemberExpression | t.OptionalMemberExpression>,
): ValueSet {
  const objectValues = valuesOf(graph, path.get('object') as NodePath);
  const name = memberName(path.node);
  if (name !== undefined) return propertyValues(graph, objectValues, name);
  const out = new Set(anyProperty(graph));
  // `http[method](…)`: any member of the module, the blocking ones included.
  for (const value of objectValues) if (value.kind === 'module') out.add(value);
  return out;
}

function callResultValues(graph: FlowGraph, path: CallPath): ValueSet {
  const call = resolveCall(graph, path);
  const out = new Set<FlowValue>();
  if (call.via === 'bind') return call.targets;
  const args = call.args;
  for (const target of call.targets) {
    switch (target.kind) {
      case 'function':
        addAll(out, graph.returns.get(target) ?? []);
        break;
      case 'k6':
        if (isGroup(target.module, target.name))
          for (const callback of valuesOf(graph, args[1]))
            if (callback.kind === 'function') addAll(out, graph.returns.get(callback) ?? []);
        break;
      case 'helper':
        if (isPassThroughHelper(target.name)) addAll(out, valuesOf(graph, args[0]));
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

/** What a call may reach and what its targets receive. */
export function resolveCall(graph: FlowGraph, path: CallPath): ResolvedCall {
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
    const functions = [...valuesOf(graph, calleePath.get('object') as NodePath)].filter(
      (v) => v.kind === 'function' || v.kind === 'k6',
    );
    if (functions.length > 0) {
      via = methodName;
      targets = new Set([...functions, ...(graph.slots.get(methodName) ?? [])]);
      args = methodName === 'call' ? argPaths.slice(1) : methodName === 'apply' ? [] : argPaths;
    }
  }
  if (!via) targets = valuesOf(graph, calleePath);
  if (targets.has(UNKNOWN)) targets = new Set([...targets, ...graph.data]);
  const spread = args.findIndex((a) => a.isSpreadElement());
  const opaqueArgsFrom = via === 'apply' ? 0 : spread >= 0 ? spread : undefined;
  const callable = [...targets].some((v) => CALLABLE.has(v.kind));
  const mayBeExternal = targets.has(EXTERNAL) || targets.has(UNKNOWN) || !callable;
  return { targets, args, opaqueArgsFrom, methodName, mayBeExternal, via };
}
