// Applies an AwaitPlan to the bundle's text with magic-string: `async ` before each function made
// async, `(await …)` around each awaited call (parenthesised, so it is valid in any expression
// position), the group() marker argument, and `xs.forEach(fn)` → `__k6local.forEach(xs, fn)`. The rest
// of the text is untouched, so the source map stays exact. Edits that share a position are ordered
// outer-first: openers are appended to the right of a position in that order, closers prepended to
// its left. Runs in: Node (load time).
import * as t from '@babel/types';
import MagicString from 'magic-string';
import type { AwaitPlan } from './await-plan.ts';
import type { ScriptFunction } from './flow-values.ts';
import { RUNTIME_NAME } from './k6-blocking-api.ts';

/** Where `async ` goes: before `function`/the arrow's parameters, or before a method's key (after `static`). */
function asyncPosition(code: string, fn: ScriptFunction): number {
  const node = fn.path.node;
  if (t.isClassMethod(node) || t.isClassPrivateMethod(node)) {
    const keyStart = node.key.start!;
    return node.computed ? code.lastIndexOf('[', keyStart) : keyStart;
  }
  return node.start!;
}

interface Edit {
  start: number;
  end: number;
  apply(s: MagicString): void;
}

export function rewriteAwaits(code: string, plan: AwaitPlan, filename: string): MagicString {
  const s = new MagicString(code, { filename });
  const edits: Edit[] = [];
  for (const fn of plan.functions) {
    const at = asyncPosition(code, fn);
    edits.push({ start: at, end: fn.path.node.end!, apply: (m) => m.appendRight(at, 'async ') });
  }
  for (const call of plan.calls) {
    const node = call.path.node as t.CallExpression;
    const start = node.start!;
    const end = node.end!;
    edits.push({
      start,
      end,
      apply: (m) => {
        if (call.sequential && t.isMemberExpression(node.callee)) {
          // `xs.forEach(` → `xs, `: from the `.` (or `[`) on, so a parenthesised receiver keeps its `)`.
          const property = node.callee.property.start!;
          const from = code.lastIndexOf(node.callee.computed ? '[' : '.', property);
          m.appendRight(start, `(await ${RUNTIME_NAME}.${call.sequential}(`);
          m.overwrite(from, node.arguments[0]!.start!, ', ');
        } else m.appendRight(start, '(await ');
        if (call.group) m.appendLeft(node.arguments[1]!.end!, `, ${RUNTIME_NAME}.transformedCallback`);
        m.prependLeft(end, ')');
      },
    });
  }
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  for (const edit of edits) edit.apply(s);
  return s;
}
