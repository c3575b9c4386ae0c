// The state of the function-flow analysis (function-flow.ts): what every binding, every property
// name, every function's return and every sink may hold, and the few operations that make those sets
// grow. Kept apart from the code that walks the AST so that collection, value resolution and the
// fixpoint (flow-collection.ts, flow-expression-values.ts, flow-propagation.ts) all share one set of
// tables and one "something changed" flag. Runs in: Node (load time).
import type { Binding, NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import {
  type FlowValue,
  type ScriptClass,
  type ScriptFunction,
  UNKNOWN,
  type ValueSet,
} from './flow-values.ts';
import { PROTOCOL_METHODS } from './k6-blocking-api.ts';

/** Slot of array elements (and of anything read with a computed key). */
export const ELEMENT = '\u0000element';
/** Slot of properties stored under a computed key: readable under any name. */
export const COMPUTED = '\u0000computed';

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

export const addAll = (target: Set<FlowValue>, values: Iterable<FlowValue>): boolean => {
  const before = target.size;
  for (const value of values) target.add(value);
  return target.size !== before;
};

const isProtocolName = (name: string): boolean => PROTOCOL_METHODS.includes(name);

export class FlowGraph {
  readonly functions: ScriptFunction[] = [];
  readonly calls: CallPath[] = [];
  /** `eval(…)`, `Function(…)`, `with`: code the analysis cannot see. */
  readonly evalSites: NodePath[] = [];
  /** check() calls whose condition set is not an object literal the analysis can read. */
  readonly opaqueChecks: CallPath[] = [];

  readonly functionsByNode = new Map<t.Node, ScriptFunction>();
  readonly classesByNode = new Map<t.Node, ScriptClass>();
  /** esbuild's helpers by binding: modelled by name (bundler-helpers.ts), never analysed. */
  readonly helpers = new Map<Binding, string>();
  readonly bindings = new Map<Binding, Set<FlowValue>>();
  readonly slots = new Map<string, Set<FlowValue>>();
  readonly returns = new Map<ScriptFunction, Set<FlowValue>>();
  /** Every function value stored in an object or array, or given to code of unknown purpose: what UNKNOWN may be. */
  readonly data = new Set<FlowValue>();
  /** Functions called by code the analysis cannot see: their parameters may receive anything. */
  readonly escaped = new Set<ScriptFunction>();
  readonly sinks = new Map<FlowValue, Map<NodePath, SinkKind>>();
  /** Object literals given to `__export`: their getters are exports, not properties. */
  readonly exportObjects = new Set<t.Node>();
  /** Set whenever a set grows: the fixpoint goes round again. */
  changed = false;

  bindingSet(binding: Binding): Set<FlowValue> {
    let set = this.bindings.get(binding);
    if (!set) {
      set = new Set();
      this.bindings.set(binding, set);
    }
    return set;
  }

  flowInto(target: Set<FlowValue>, values: Iterable<FlowValue>): void {
    if (addAll(target, values)) this.changed = true;
  }

  addSlot(name: string, values: ValueSet, site: NodePath): void {
    if (values.size === 0) return;
    let set = this.slots.get(name);
    if (!set) {
      set = new Set();
      this.slots.set(name, set);
    }
    this.flowInto(set, values);
    this.flowInto(this.data, values);
    this.recordSink(values, 'protocol', site, name);
  }

  /** What an array element (or a spread, or a for-of variable) may be. */
  elementValues(): ValueSet {
    return new Set([...(this.slots.get(ELEMENT) ?? []), UNKNOWN]);
  }

  /**
   * Remember that `values` were handed to code outside the script (or, for 'protocol', stored under a
   * name the language calls by itself). Such functions are called with values the script cannot see.
   */
  recordSink(values: ValueSet, kind: SinkKind, site: NodePath, slotName?: string): void {
    if (kind === 'protocol' && !(slotName && isProtocolName(slotName))) return;
    for (const value of values) {
      if (value.kind !== 'function' && value.kind !== 'k6' && value.kind !== 'module') continue;
      let sites = this.sinks.get(value);
      if (!sites) {
        sites = new Map();
        this.sinks.set(value, sites);
      }
      if (!sites.has(site)) {
        sites.set(site, kind);
        this.changed = true;
      }
      if (value.kind === 'function' && kind !== 'group' && !this.escaped.has(value)) {
        this.escaped.add(value);
        this.changed = true;
      }
      // Only code of unknown purpose may hand a function back to the script (timers, promise
      // callbacks, the runner calling exports, check() and the sequential helpers never do).
      if (value.kind === 'function' && kind === 'external' && !this.data.has(value)) {
        this.data.add(value);
        this.changed = true;
      }
    }
  }
}
