// From the call graph to the plan: starting at the k6 calls that block (http.get…, sleep), every
// function that may reach one becomes async and every call that may reach such a function is
// awaited, up the call graph to a fixpoint. Then the plan is checked for what `await` cannot express
// — a blocking call at the top level, in a getter, constructor or generator, a function made async
// that leaves the script (passed to code we cannot see, a check() condition, a `then` method), `eval`
// — each a problem with the node it is about. Runs in: Node (load time).
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { describeValue, type FlowValue, ScriptFunction, type ValueSet } from './flow-values.ts';
import type { ResolvedCall } from './expression-values.ts';
import type { CallPath } from './flow-graph.ts';
import type { FunctionFlow } from './function-flow.ts';
import {
  BLOCKING_FUNCTIONS,
  isBlockingFunction,
  isGroup,
  SEQUENTIAL_CALLBACK_METHODS,
} from './k6-blocking-api.ts';

const BLOCKING_MODULES = Object.keys(BLOCKING_FUNCTIONS);

/** One call the transform rewrites. */
export interface AwaitedCall {
  path: CallPath;
  /** group(name, fn) whose fn became async: the runner is told it may wait for it. */
  group: boolean;
  /** xs.forEach(fn) / xs.map(fn) whose fn became async: run in sequence by the runtime helper. */
  sequential: 'forEach' | 'map' | undefined;
}

/** Something the transform cannot make wait: where, and what in words. */
export interface PlanProblem {
  node: t.Node;
  pattern: string;
}

export interface AwaitPlan {
  calls: AwaitedCall[];
  /** Functions that get `async` (never ones the user wrote async). */
  functions: ScriptFunction[];
  problems: PlanProblem[];
}

const source = (path: NodePath, max = 40): string => {
  const text = path.toString().replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

function calleeText(call: CallPath): string {
  const callee = call.isTaggedTemplateExpression() ? call.get('tag') : call.get('callee');
  return source(callee as NodePath);
}

export function planAwaits(flow: FunctionFlow): AwaitPlan {
  const resolved = new Map<CallPath, ResolvedCall>(flow.calls.map((c) => [c, flow.resolveCall(c)]));
  const madeAsync = new Set<ScriptFunction>();
  const isAsyncValue = (v: FlowValue): boolean =>
    v instanceof ScriptFunction ? madeAsync.has(v) : v.kind === 'k6' && isBlockingFunction(v.module, v.name);
  const anyAsync = (values: ValueSet): boolean => [...values].some(isAsyncValue);
  const groupCallback = (call: ResolvedCall): ValueSet | undefined =>
    [...call.targets].some((v) => v.kind === 'k6' && isGroup(v.module, v.name))
      ? expandUnknown(flow, flow.valuesOf(call.args[1]))
      : undefined;
  const sequentialMethod = (call: ResolvedCall): AwaitedCall['sequential'] =>
    call.mayBeExternal && call.methodName && SEQUENTIAL_CALLBACK_METHODS.includes(call.methodName)
      ? (call.methodName as 'forEach' | 'map')
      : undefined;

  /** Why this call must be awaited, or undefined. */
  const awaitReason = (path: CallPath, call: ResolvedCall): AwaitedCall | undefined => {
    if (path.isNewExpression() || path.isTaggedTemplateExpression()) return undefined;
    const callback = groupCallback(call);
    const group = callback !== undefined && anyAsync(callback);
    const sequential = sequentialMethod(call);
    const sequentialAsync = sequential !== undefined && anyAsync(flow.valuesOf(call.args[0]));
    if (!group && !sequentialAsync && !anyAsync(call.targets)) return undefined;
    return { path, group, sequential: sequentialAsync ? sequential : undefined };
  };

  let changed = true;
  while (changed) {
    changed = false;
    for (const [path, call] of resolved) {
      if (!awaitReason(path, call)) continue;
      const context = flow.contextOf(path);
      if (context instanceof ScriptFunction && !context.userAsync && !madeAsync.has(context)) {
        madeAsync.add(context);
        changed = true;
      }
    }
  }

  const calls: AwaitedCall[] = [];
  const problems: PlanProblem[] = [];
  const problem = (node: t.Node, pattern: string) => {
    if (!problems.some((p) => p.node === node && p.pattern === pattern)) problems.push({ node, pattern });
  };
  for (const [path, call] of resolved) {
    const awaited = awaitReason(path, call);
    if (!awaited) {
      const reached = [...call.targets].filter(isAsyncValue);
      if (reached.length && path.isNewExpression())
        problem(path.node, `\`new ${calleeText(path)}(…)\`: ${describeList(reached)} makes blocking calls`);
      if (reached.length && path.isTaggedTemplateExpression())
        problem(path.node, `tagged template \`${calleeText(path)}\` makes blocking calls`);
      continue;
    }
    calls.push(awaited);
    checkAwaitedCall(flow, path, call, awaited, problem);
  }
  for (const fn of madeAsync) checkMadeAsync(flow, fn, problem);
  for (const value of flow.sinkValues()) {
    if (value.kind === 'k6' && isBlockingFunction(value.module, value.name)) checkSinks(flow, value, problem);
    if (value.kind === 'module' && BLOCKING_MODULES.includes(value.module))
      checkModuleObject(flow, value, problem);
  }
  if (calls.length > 0) {
    for (const site of flow.evalSites)
      problem(
        site.node,
        `${site.isWithStatement() ? '`with`' : `\`${calleeText(site as CallPath)}\``}: code the transform cannot see may call functions it made async`,
      );
    const asyncInSlots = [...flow.dataValues].filter(isAsyncValue);
    if (asyncInSlots.length > 0)
      for (const check of flow.opaqueChecks)
        problem(
          check.node,
          `check() with conditions the transform cannot see (a condition may make blocking calls)`,
        );
  }
  problems.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
  return { calls, functions: [...madeAsync], problems };
}

function expandUnknown(flow: FunctionFlow, values: ValueSet): ValueSet {
  return [...values].some((v) => v.kind === 'unknown') ? new Set([...values, ...flow.dataValues]) : values;
}

function describeList(values: FlowValue[]): string {
  const names = [...new Set(values.map(describeValue))];
  return names.length > 2
    ? `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`
    : names.join(' and ');
}

type Report = (node: t.Node, pattern: string) => void;

function checkAwaitedCall(
  flow: FunctionFlow,
  path: CallPath,
  call: ResolvedCall,
  awaited: AwaitedCall,
  problem: Report,
): void {
  const context = flow.contextOf(path);
  const what = `\`${calleeText(path)}(…)\``;
  if (context === 'init') problem(path.node, `${what} blocks in the init context (top level of a module)`);
  else if (context === 'parameter')
    problem(path.node, `${what} blocks in a parameter default or a computed key`);
  else if (context === 'class-field') problem(path.node, `${what} blocks in a class field initializer`);
  const parent = path.parentPath;
  if (
    (parent.isOptionalMemberExpression() && parent.node.object === path.node) ||
    (parent.isOptionalCallExpression() && parent.node.callee === path.node)
  )
    problem(path.node, `${what} blocks inside an optional chain (\`?.\`) that goes on after it`);
  const userAsync = [...call.targets].filter((v) => v instanceof ScriptFunction && v.userAsync);
  if (userAsync.length > 0 && !awaited.group && !awaited.sequential)
    problem(
      path.node,
      `${what} may reach both an async function (${describeList(userAsync)}) and one that blocks; awaiting it would change the async one`,
    );
  if (awaited.group) {
    const args = (path as NodePath<t.CallExpression>).node.arguments;
    if (args.length !== 2 || args.some((a) => t.isSpreadElement(a)))
      problem(path.node, `${what}: group() with a blocking callback must be called with exactly (name, fn)`);
    const callbacks = flow.valuesOf((path as NodePath<t.CallExpression>).get('arguments')[1]);
    const userAsyncCallbacks = [...expandUnknown(flow, callbacks)].filter(
      (v) => v instanceof ScriptFunction && v.userAsync,
    );
    if (userAsyncCallbacks.length > 0)
      problem(
        path.node,
        `${what}: its callback may be async (${describeList(userAsyncCallbacks)}) or blocking`,
      );
  }
  if (awaited.sequential) {
    const callee = (path as NodePath<t.CallExpression>).get('callee');
    if (!callee.isMemberExpression() || callee.get('object').isSuper())
      problem(path.node, `${what} with a blocking callback on an optional chain or \`super\``);
  }
}

/** A function made async must be one `await` can serve, and must not leave the script. */
function checkMadeAsync(flow: FunctionFlow, fn: ScriptFunction, problem: Report): void {
  const where = fn.path.node;
  if (fn.role === 'getter' || fn.role === 'setter')
    problem(where, `${fn.role} \`${fn.name}\` makes blocking calls (a ${fn.role} cannot wait)`);
  else if (fn.role === 'constructor')
    problem(where, `constructor of \`${fn.name.replace(/\.constructor$/, '')}\` makes blocking calls`);
  else if (fn.generator) problem(where, `generator \`${fn.name}\` makes blocking calls`);
  checkSinks(flow, fn, problem);
}

const SINK_WORDS = {
  external: (site: string) => `is passed to \`${site}(…)\`, code the transform cannot follow`,
  check: () => 'is a check() condition (k6 rejects async conditions)',
  protocol: () =>
    'is stored as a method the language calls by itself (then, toJSON, toString, valueOf, next…)',
} as const;

function checkSinks(flow: FunctionFlow, value: FlowValue, problem: Report): void {
  for (const [site, kind] of flow.sinksOf(value)) {
    if (kind !== 'external' && kind !== 'check' && kind !== 'protocol') continue;
    const siteText =
      site.isCallExpression() || site.isOptionalCallExpression() || site.isNewExpression()
        ? calleeText(site as CallPath)
        : source(site);
    problem(site.node, `${describeValue(value)} makes blocking calls and ${SINK_WORDS[kind](siteText)}`);
  }
}

/** A k6 module object given to code outside the script hides which of its functions get called. */
function checkModuleObject(flow: FunctionFlow, module: FlowValue, problem: Report): void {
  for (const [site, kind] of flow.sinksOf(module))
    if (kind === 'external')
      problem(
        site.node,
        `${describeValue(module)} is passed to \`${calleeText(site as CallPath)}(…)\`; which of its blocking functions get called cannot be followed`,
      );
}
