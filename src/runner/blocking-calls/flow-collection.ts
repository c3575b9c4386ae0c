// The one walk over the bundle that the function-flow analysis makes: every function and class
// becomes a value bound to its name, and every node through which a function value can move
// (declarators, assignments, literals, returns, for-of loops, calls) is remembered, so the fixpoint
// (flow-propagation.ts) can go round them again and again without walking the AST each time.
// esbuild's own runtime helpers are recognised here and left out of the walk (bundler-helpers.ts says
// why). Runs in: Node (load time).
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { classNameOf, nameOf, roleOf } from './ast-names.ts';
import { bundlerHelperName, isExportHelper, isModuleWrapperHelper } from './bundler-helpers.ts';
import type { CallPath, FlowGraph } from './flow-graph.ts';
import { type ScriptClass, ScriptFunction } from './flow-values.ts';

/** The nodes the fixpoint visits on every round. */
export interface FlowSites {
  declarators: NodePath<t.VariableDeclarator>[];
  assignments: NodePath<t.AssignmentExpression>[];
  objects: NodePath<t.ObjectExpression>[];
  arrays: NodePath<t.ArrayExpression>[];
  classes: NodePath<t.Class>[];
  returnSites: NodePath<t.ReturnStatement>[];
  loops: NodePath<t.ForOfStatement>[];
}

/** Walk `program` once: fill `graph` with functions, classes, helpers and calls; hand back the sites. */
export function collectFlowSites(program: NodePath<t.Program>, graph: FlowGraph): FlowSites {
  findHelpers(program, graph);
  const sites: FlowSites = {
    declarators: [],
    assignments: [],
    objects: [],
    arrays: [],
    classes: [],
    returnSites: [],
    loops: [],
  };
  program.traverse({
    VariableDeclarator: (p) => {
      if (isHelperDeclaration(p, graph)) return p.skip();
      sites.declarators.push(p);
    },
    Function: (p) => {
      if (p.isFunctionDeclaration() && isHelperDeclaration(p, graph)) return p.skip();
      const fn = new ScriptFunction(p, nameOf(p), roleOf(p));
      graph.functions.push(fn);
      graph.functionsByNode.set(p.node, fn);
      graph.returns.set(fn, new Set());
      const id = (p.isFunctionDeclaration() || p.isFunctionExpression()) && p.node.id;
      if (id) {
        // A declaration binds its name outside, a named expression inside its own scope.
        const scope = p.isFunctionDeclaration() ? p.parentPath.scope : p.scope;
        const binding = scope.getBinding(id.name);
        if (binding) graph.bindingSet(binding).add(fn);
      }
    },
    Class: (p) => {
      const name = classNameOf(p) ?? 'anonymous class';
      const value: ScriptClass = { kind: 'class', name };
      graph.classesByNode.set(p.node, value);
      if (p.node.id) {
        const scope = p.isClassDeclaration() ? p.parentPath.scope : p.scope;
        const binding = scope.getBinding(p.node.id.name);
        if (binding) graph.bindingSet(binding).add(value);
      }
      sites.classes.push(p);
    },
    AssignmentExpression: (p) => {
      sites.assignments.push(p);
    },
    ObjectExpression: (p) => {
      sites.objects.push(p);
    },
    ArrayExpression: (p) => {
      sites.arrays.push(p);
    },
    ReturnStatement: (p) => {
      sites.returnSites.push(p);
    },
    ForOfStatement: (p) => {
      sites.loops.push(p);
    },
    WithStatement: (p) => {
      graph.evalSites.push(p);
    },
    'CallExpression|OptionalCallExpression|NewExpression|TaggedTemplateExpression': (p) => {
      graph.calls.push(p as CallPath);
    },
  });
  // After the walk: a call is entered before the functions among its arguments are seen.
  for (const call of graph.calls) noteHelperCall(call, graph);
  for (const cls of sites.classes) {
    const value = graph.classesByNode.get(cls.node)!;
    for (const member of cls.get('body').get('body'))
      if (member.isClassMethod() && member.node.kind === 'constructor')
        value.constructorFn = graph.functionsByNode.get(member.node);
  }
  return sites;
}

/** esbuild's helpers are top-level `var __x = …` declarations: remembered by binding, never analysed. */
function findHelpers(program: NodePath<t.Program>, graph: FlowGraph): void {
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
      if (helper && binding) graph.helpers.set(binding, helper);
    }
  }
}

function isHelperDeclaration(path: NodePath, graph: FlowGraph): boolean {
  const node = path.node;
  if (!(t.isVariableDeclarator(node) || t.isFunctionDeclaration(node)) || !t.isIdentifier(node.id))
    return false;
  const binding = path.scope.getBinding(node.id.name);
  return !!binding && graph.helpers.has(binding) && binding.path.node === node;
}

/** What the bundler's helpers tell once: exports, and functions that are module bodies. */
function noteHelperCall(call: CallPath, graph: FlowGraph): void {
  const helper = helperCalled(call, graph);
  if (!helper) return;
  const args = (call.node as t.CallExpression).arguments;
  if (isExportHelper(helper) && t.isObjectExpression(args[1])) graph.exportObjects.add(args[1]);
  if (isModuleWrapperHelper(helper) && t.isObjectExpression(args[0]))
    for (const property of args[0].properties) {
      const fn = t.isObjectMethod(property)
        ? property
        : t.isObjectProperty(property) && t.isFunction(property.value)
          ? property.value
          : undefined;
      const info = fn && graph.functionsByNode.get(fn);
      if (info) info.moduleBody = true;
    }
}

function helperCalled(call: CallPath, graph: FlowGraph): string | undefined {
  if (!call.isCallExpression()) return undefined;
  const callee = call.get('callee');
  if (!callee.isIdentifier()) return undefined;
  const binding = callee.scope.getBinding(callee.node.name);
  return binding ? graph.helpers.get(binding) : undefined;
}
