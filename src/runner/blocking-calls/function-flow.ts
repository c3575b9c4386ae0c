// Which functions each call of the bundle may reach: a field-based flow analysis of function values
// (the approximate call graphs of Feldthaus et al., ICSE 2013). Variables are told apart by Babel's
// scope bindings; object properties only by name, so `client.get(…)` may reach every function stored
// under `get` anywhere — an over-approximation, which is what the transform needs: a call that may
// reach a function made async gets awaited. Values made outside the script are UNKNOWN and may be any
// function the script handed out; those hand-outs are recorded as sinks for the transform to judge.
// Iterated to a fixpoint (sets only grow). This module is the analysis as await-plan.ts sees it; the
// work is in flow-collection.ts (the walk), flow-propagation.ts (the fixpoint), expression-values.ts
// (what an expression or call may be), flow-sinks.ts (where functions leave the script) and
// flow-graph.ts (the tables they share). Runs in: Node (load time).
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { type ResolvedCall, resolveCall, valuesOf } from './expression-values.ts';
import { collectFlowSites } from './flow-collection.ts';
import { type CallPath, FlowGraph, type SinkKind } from './flow-graph.ts';
import { propagateToFixpoint } from './flow-propagation.ts';
import { type FlowValue, NO_VALUES, type ScriptFunction, type ValueSet } from './flow-values.ts';

/** Where a call runs: in a function's body, or where `await` cannot be written. */
export type CallContext = ScriptFunction | 'init' | 'parameter' | 'class-field';

export class FunctionFlow {
  readonly functions: ScriptFunction[];
  readonly calls: CallPath[];
  /** `eval(…)`, `Function(…)`, `with`: code the analysis cannot see. */
  readonly evalSites: NodePath[];
  /** check() calls whose condition set is not an object literal the analysis can read. */
  readonly opaqueChecks: CallPath[];

  readonly #graph = new FlowGraph();

  constructor(program: NodePath<t.Program>) {
    propagateToFixpoint(this.#graph, collectFlowSites(program, this.#graph));
    this.functions = this.#graph.functions;
    this.calls = this.#graph.calls;
    this.evalSites = this.#graph.evalSites;
    this.opaqueChecks = this.#graph.opaqueChecks;
  }

  /** Functions this value flowed to the script does not call itself (sinks), by site. */
  sinksOf(value: FlowValue): ReadonlyMap<NodePath, SinkKind> {
    return this.#graph.sinks.get(value) ?? new Map();
  }

  /** Every value that reached a sink. */
  sinkValues(): FlowValue[] {
    return [...this.#graph.sinks.keys()];
  }

  /** Function values stored under `name` on some object. */
  slotValues(name: string): ValueSet {
    return this.#graph.slots.get(name) ?? NO_VALUES;
  }

  /** Every value stored in any object or array, or let out (what an UNKNOWN callee may be). */
  get dataValues(): ValueSet {
    return this.#graph.data;
  }

  functionOf(node: t.Node): ScriptFunction | undefined {
    return this.#graph.functionsByNode.get(node);
  }

  /** What `path` may evaluate to (as far as the fixpoint got). */
  valuesOf(path: NodePath<t.Node | null | undefined> | null | undefined): ValueSet {
    return valuesOf(this.#graph, path);
  }

  /** What a call may reach and what its targets receive. */
  resolveCall(path: CallPath): ResolvedCall {
    return resolveCall(this.#graph, path);
  }

  /** Where a call runs, as far as `await` is concerned. */
  contextOf(path: NodePath): CallContext {
    let child: NodePath = path;
    let parent = path.parentPath;
    while (parent) {
      if (parent.isFunction()) {
        const fn = this.#graph.functionsByNode.get(parent.node);
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
