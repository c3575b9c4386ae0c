// The load-time transform of a bundled k6 script: blocking k6 calls (http.get…, http.batch, sleep)
// and every function that may reach one become awaited async code, so each VU waits on its own
// calls while the other VUs of its thread go on — k6's semantics at the async path's speed. The
// result is `none` (nothing blocks: code unchanged), `awaited` (rewritten, its source map chained
// onto the bundle's so stacks still point at the user's files) or `fallback` (a pattern the
// transform cannot make wait, each named with its original file:line:column; code unchanged).
// docs/decisions/006 says why and what it cannot handle. Runs in: Node (load time, main thread).
import { SourceMap } from 'node:module';
import { parse } from '@babel/parser';
import traverseModule, { type NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import remapping from '@jridgewell/remapping';
import { inlineSourceMapComment, originalPosition, readInlineSourceMap } from '../script-source-maps.ts';
import { planAwaits } from './await-plan.ts';
import { cannotBlock } from './cannot-block.ts';
import { FunctionFlow } from './function-flow.ts';
import { RUNTIME_NAME } from './k6-blocking-api.ts';
import { rewriteAwaits } from './rewrite-awaits.ts';

// @babel/traverse is CommonJS: Node's ESM import hands over module.exports (the function is its
// `default`); bundler-style interop (vitest) hands over the function itself.
type Traverse = typeof traverseModule.default;
const traverse: Traverse =
  typeof traverseModule === 'function' ? (traverseModule as unknown as Traverse) : traverseModule.default;

/** A pattern the transform cannot make wait, where the user wrote it. */
export interface BlockingProblem {
  file: string;
  line: number;
  column: number;
  pattern: string;
}

export type BlockingCallsOutcome =
  | { kind: 'none'; code: string }
  | { kind: 'awaited'; code: string; awaitedCalls: number; asyncFunctions: number }
  | { kind: 'fallback'; code: string; problems: BlockingProblem[] };

/**
 * Make the blocking k6 calls of bundled CommonJS `code` (esbuild's output, inline source map at its
 * end) awaited. `filename` is the name the code is compiled under.
 */
export function awaitBlockingCalls(code: string, filename: string): BlockingCallsOutcome {
  if (cannotBlock(code)) return { kind: 'none', code };
  const inline = readInlineSourceMap(code);
  const bundleMap = inline ? new SourceMap(inline.payload) : undefined;
  const where = (node: { loc?: t.SourceLocation | null }) => {
    const line = node.loc?.start.line ?? 1;
    const column = (node.loc?.start.column ?? 0) + 1;
    return (bundleMap && originalPosition(bundleMap, line, column)) ?? { file: filename, line, column };
  };
  let ast: t.File;
  try {
    ast = parse(code, { sourceType: 'script', allowReturnOutsideFunction: true });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const at = where({ loc: loc ? ({ start: loc, end: loc } as t.SourceLocation) : null });
    return {
      kind: 'fallback',
      code,
      problems: [
        { ...at, pattern: `the transform cannot parse the bundled script (${(error as Error).message})` },
      ],
    };
  }
  let program: NodePath<t.Program> | undefined;
  traverse(ast, {
    Program(path) {
      program = path;
      path.stop();
    },
  });
  const plan = planAwaits(new FunctionFlow(program!));
  if (plan.calls.length === 0 && plan.problems.length === 0) return { kind: 'none', code };
  const problems = plan.problems.map((p) => ({ ...where(p.node), pattern: p.pattern }));
  if (new RegExp(`\\b${RUNTIME_NAME}\\b`).test(code))
    problems.push({
      file: filename,
      line: 1,
      column: 1,
      pattern: `the script uses the name ${RUNTIME_NAME}, which the transform reserves`,
    });
  if (problems.length > 0) return { kind: 'fallback', code, problems };

  const rewritten = rewriteAwaits(code, plan, filename);
  if (inline) rewritten.remove(inline.start, code.length);
  const ownMap = rewritten.generateMap({ hires: 'boundary', source: filename, includeContent: false });
  const chained = inline
    ? remapping([JSON.parse(ownMap.toString()), inline.payload as never], () => null)
    : JSON.parse(ownMap.toString());
  return {
    kind: 'awaited',
    code: `${rewritten.toString()}\n${inlineSourceMapComment(chained)}`,
    awaitedCalls: plan.calls.length,
    asyncFunctions: plan.functions.length,
  };
}
