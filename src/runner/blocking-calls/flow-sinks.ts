// Where function values leave the script, for the function-flow analysis: handed to k6 (group,
// check, timers), to the bundler's helpers, or to code outside the script (built-ins, globals, a
// Proxy's traps, a property descriptor's accessors). Each hand-out is recorded as a sink, which
// await-plan.ts judges (a function made async that leaves the script cannot be awaited by whoever
// calls it); what cannot be followed at all (`eval`, a check() whose conditions are not a literal)
// is noted for it too. Runs in: Node (load time).
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { staticKeyName } from './ast-names.ts';
import {
  isExportHelper,
  isModuleWrapperHelper,
  isPassThroughHelper,
  isPublicFieldHelper,
} from './bundler-helpers.ts';
import { type ResolvedCall, valuesOf } from './expression-values.ts';
import { addAll, type CallPath, type FlowGraph, type SinkKind } from './flow-graph.ts';
import { type FlowValue, type K6Function, NO_VALUES, type ValueSet } from './flow-values.ts';
import {
  isCheck,
  isGroup,
  isTimer,
  PROMISE_CALLBACK_METHODS,
  SEQUENTIAL_CALLBACK_METHODS,
} from './k6-blocking-api.ts';

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

/** group(name, fn), check(value, sets), setTimeout(fn): k6 calls the functions, not the script. */
export function k6CallFlows(graph: FlowGraph, target: K6Function, path: CallPath, args: NodePath[]): void {
  if (isGroup(target.module, target.name)) graph.recordSink(valuesOf(graph, args[1]), 'group', path);
  else if (isCheck(target.module, target.name)) checkFlows(graph, path, args[1]);
  else if (isTimer(target.module, target.name)) graph.recordSink(valuesOf(graph, args[0]), 'timer', path);
}

/** check(value, { name: condition }): k6 calls each condition (the conditions leave the script). */
function checkFlows(graph: FlowGraph, path: CallPath, sets: NodePath | undefined): void {
  let literal: NodePath | undefined = sets;
  if (sets?.isIdentifier()) {
    const binding = sets.scope.getBinding(sets.node.name);
    const declarator = binding?.constant && binding.path.isVariableDeclarator() ? binding.path : undefined;
    literal = declarator?.get('init') as NodePath | undefined;
  }
  if (!literal?.isObjectExpression()) {
    if (!graph.opaqueChecks.includes(path)) graph.opaqueChecks.push(path);
    return;
  }
  for (const property of literal.get('properties')) {
    const values = property.isObjectProperty()
      ? valuesOf(graph, property.get('value'))
      : property.isObjectMethod()
        ? new Set([graph.functionsByNode.get(property.node)!])
        : NO_VALUES;
    graph.recordSink(values, 'check', path);
  }
}

/** A call of one of esbuild's helpers: exports, lowered class fields, or plumbing of unknown purpose. */
export function helperCallFlows(graph: FlowGraph, helper: string, path: CallPath, args: NodePath[]): void {
  if (isExportHelper(helper)) {
    const exports = args[1];
    if (!exports?.isObjectExpression()) return;
    for (const property of exports.get('properties')) {
      const getter = property.isObjectProperty() ? valuesOf(graph, property.get('value')) : NO_VALUES;
      for (const fn of getter)
        if (fn.kind === 'function') graph.recordSink(graph.returns.get(fn) ?? NO_VALUES, 'exported', path);
    }
  } else if (isPublicFieldHelper(helper)) {
    const key = args[1]?.node;
    if (t.isStringLiteral(key)) graph.addSlot(key.value, valuesOf(graph, args[2]), path);
  } else if (!isPassThroughHelper(helper) && !isModuleWrapperHelper(helper)) {
    for (const arg of args) graph.recordSink(valuesOf(graph, arg), 'external', path);
  }
}

/** A call that may reach code outside the script: every function among its arguments leaves it. */
export function externalCallFlows(graph: FlowGraph, path: CallPath, call: ResolvedCall): void {
  const name = call.methodName;
  call.args.forEach((arg, index) => {
    const values = arg.isSpreadElement() ? graph.elementValues() : valuesOf(graph, arg);
    // Outside code calls an accessor descriptor's get/set and a Proxy handler's traps: those
    // leave the script as surely as a function passed directly.
    graph.recordSink(accessorsOfLiteral(graph, arg), 'external', path);
    const kind: SinkKind =
      name && PROMISE_CALLBACK_METHODS.includes(name)
        ? 'promise'
        : name && SEQUENTIAL_CALLBACK_METHODS.includes(name) && index === 0
          ? 'iteration'
          : 'external';
    graph.recordSink(values, kind, path);
  });
}

/**
 * The accessor and trap functions of an object literal (or a constant bound to one), in nested
 * literals too (`Object.defineProperties(o, { p: { get() {…} } })`).
 */
function accessorsOfLiteral(graph: FlowGraph, path: NodePath, depth = 0): ValueSet {
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
      const fn = graph.functionsByNode.get(property.node);
      if (fn && called) out.add(fn);
    } else {
      const value = property.get('value') as NodePath;
      if (called) addAll(out, valuesOf(graph, value));
      addAll(out, accessorsOfLiteral(graph, value, depth + 1));
    }
  }
  return out;
}
