// The fixpoint of the function-flow analysis: round after round over the sites the walk collected
// (flow-collection.ts), function values flow from where they are made into bindings, property slots,
// returns and parameters, until no set grows (sets only grow, so it ends). A round re-reads every
// site, since what one adds may depend on anything learnt elsewhere since the last round.
// Runs in: Node (load time).
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { memberName, staticKeyName } from './ast-names.ts';
import {
  anyProperty,
  propertyValues,
  type ResolvedCall,
  resolveCall,
  valuesOf,
} from './expression-values.ts';
import type { FlowSites } from './flow-collection.ts';
import { COMPUTED, type CallPath, ELEMENT, type FlowGraph } from './flow-graph.ts';
import { NO_VALUES, type ScriptFunction, UNKNOWN, type ValueSet } from './flow-values.ts';
import { externalCallFlows, helperCallFlows, k6CallFlows } from './flow-sinks.ts';

/** Let every function value flow wherever it can, to a fixpoint. */
export function propagateToFixpoint(graph: FlowGraph, sites: FlowSites): void {
  do {
    graph.changed = false;
    for (const p of sites.declarators) {
      const init = p.get('init');
      if (init.node) assign(graph, p.get('id'), valuesOf(graph, init));
    }
    for (const p of sites.assignments)
      if (['=', '||=', '&&=', '??='].includes(p.node.operator))
        assign(graph, p.get('left'), valuesOf(graph, p.get('right')), p);
    for (const p of sites.objects) objectFlows(graph, p);
    for (const p of sites.arrays)
      for (const element of p.get('elements'))
        if (element.node && !element.isSpreadElement()) graph.addSlot(ELEMENT, valuesOf(graph, element), p);
    for (const p of sites.classes) classFlows(graph, p);
    for (const p of sites.returnSites) {
      const fn = enclosingFunction(graph, p);
      if (fn) graph.flowInto(graph.returns.get(fn)!, valuesOf(graph, p.get('argument')));
    }
    for (const fn of graph.functions) {
      const body = fn.path.get('body');
      if (fn.role === 'arrow' && !Array.isArray(body) && !body.isBlockStatement())
        graph.flowInto(graph.returns.get(fn)!, valuesOf(graph, body));
    }
    for (const p of sites.loops) {
      const left = p.get('left');
      const target = left.isVariableDeclaration() ? left.get('declarations')[0]?.get('id') : left;
      if (target) assign(graph, target, graph.elementValues());
    }
    for (const call of graph.calls) callFlows(graph, call);
    for (const fn of graph.escaped)
      for (const param of fn.path.get('params')) assign(graph, param, new Set([UNKNOWN]));
  } while (graph.changed);
}

function enclosingFunction(graph: FlowGraph, p: NodePath): ScriptFunction | undefined {
  const fn = p.getFunctionParent();
  return fn ? graph.functionsByNode.get(fn.node) : undefined;
}

function objectFlows(graph: FlowGraph, p: NodePath<t.ObjectExpression>): void {
  if (graph.exportObjects.has(p.node)) return;
  for (const property of p.get('properties')) {
    if (property.isObjectProperty()) {
      const name = staticKeyName(property.node.key, property.node.computed) ?? COMPUTED;
      graph.addSlot(name, valuesOf(graph, property.get('value')), property);
    } else if (property.isObjectMethod() && property.node.kind === 'method') {
      const fn = graph.functionsByNode.get(property.node);
      const name = staticKeyName(property.node.key, property.node.computed) ?? COMPUTED;
      if (fn) graph.addSlot(name, new Set([fn]), property);
    }
  }
}

function classFlows(graph: FlowGraph, p: NodePath<t.Class>): void {
  for (const member of p.get('body').get('body')) {
    const node = member.node;
    if ((t.isClassMethod(node) || t.isClassPrivateMethod(node)) && node.kind === 'method') {
      const fn = graph.functionsByNode.get(node);
      const name = staticKeyName(node.key, node.computed ?? false) ?? COMPUTED;
      if (fn) graph.addSlot(name, new Set([fn]), member);
    } else if (
      (t.isClassProperty(node) || t.isClassPrivateProperty(node) || t.isClassAccessorProperty(node)) &&
      node.value
    ) {
      const name = staticKeyName(node.key, 'computed' in node ? (node.computed ?? false) : false) ?? COMPUTED;
      graph.addSlot(name, valuesOf(graph, member.get('value') as NodePath), member);
    }
  }
}

/** Bind `values` to a pattern (declaration, assignment target, parameter). */
function assign(graph: FlowGraph, target: NodePath, values: ValueSet, site: NodePath = target): void {
  const node = target.node;
  if (t.isIdentifier(node)) {
    const binding = target.scope.getBinding(node.name);
    if (binding) graph.flowInto(graph.bindingSet(binding), values);
    else graph.addSlot(node.name, values, site); // an implicit global is a property of the global object
  } else if (t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) {
    graph.addSlot(memberName(node) ?? COMPUTED, values, site);
    if (isModuleExports(target as NodePath<t.MemberExpression>)) graph.recordSink(values, 'exported', site);
  } else if (t.isObjectPattern(node)) {
    for (const property of (target as NodePath<t.ObjectPattern>).get('properties')) {
      if (!property.isObjectProperty()) continue;
      const name = staticKeyName(property.node.key, property.node.computed);
      const read = name === undefined ? anyProperty(graph) : propertyValues(graph, values, name);
      assign(graph, property.get('value'), read, site);
    }
  } else if (t.isArrayPattern(node)) {
    for (const element of (target as NodePath<t.ArrayPattern>).get('elements'))
      if (element.node) assign(graph, element as NodePath, graph.elementValues(), site);
  } else if (t.isAssignmentPattern(node)) {
    const pattern = target as NodePath<t.AssignmentPattern>;
    const withDefault = new Set([...values, ...valuesOf(graph, pattern.get('right'))]);
    assign(graph, pattern.get('left'), withDefault, site);
  } else if (t.isRestElement(node)) {
    assign(graph, (target as NodePath<t.RestElement>).get('argument'), NO_VALUES, site);
  }
}

/** `module.exports = …`, `module.exports.x = …`, `exports.x = …` with `module`/`exports` free. */
function isModuleExports(target: NodePath<t.MemberExpression>): boolean {
  let object: t.Node = target.node;
  while (t.isMemberExpression(object)) {
    const inner: t.Node = object.object;
    if (t.isIdentifier(inner) && (inner.name === 'module' || inner.name === 'exports'))
      return !target.scope.getBinding(inner.name);
    object = inner;
  }
  return false;
}

/** A call: its script targets receive the arguments; k6, helpers and outside code get sinks. */
function callFlows(graph: FlowGraph, path: CallPath): void {
  const call = resolveCall(graph, path);
  if (call.via === 'bind') return;
  const { args } = call;
  for (const target of call.targets) {
    if (target.kind === 'function') flowArguments(graph, target, call);
    else if (target.kind === 'class' && target.constructorFn)
      flowArguments(graph, target.constructorFn, call);
    else if (target.kind === 'k6') k6CallFlows(graph, target, path, args);
    else if (target.kind === 'helper') helperCallFlows(graph, target.name, path, args);
    else if (target.kind === 'eval' && !graph.evalSites.includes(path)) graph.evalSites.push(path);
  }
  if (call.mayBeExternal) externalCallFlows(graph, path, call);
}

function flowArguments(graph: FlowGraph, fn: ScriptFunction, call: ResolvedCall): void {
  const params = fn.path.get('params') as NodePath[];
  params.forEach((param, index) => {
    if (param.isRestElement()) {
      const rest = call.args.slice(index).flatMap((a) => [...valuesOf(graph, a)]);
      graph.addSlot(ELEMENT, new Set(rest), param);
      return;
    }
    const opaque = call.opaqueArgsFrom !== undefined && index >= call.opaqueArgsFrom;
    const arg = call.args[index];
    if (opaque) assign(graph, param, graph.elementValues());
    else if (arg) assign(graph, param, valuesOf(graph, arg));
    else assign(graph, param, NO_VALUES); // a default value may still bring a function
  });
}
