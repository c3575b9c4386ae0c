// Names of things in the bundle's AST, for the analysis and its messages: property keys as written
// (`o.p`, `o['p']`, `#p`), what kind of function a node is, and what a person would call a function
// or class (esbuild writes `var C = class {…}`, so a class's name may be its variable's).
// Runs in: Node (load time).
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FunctionKind } from './flow-values.ts';

/** The name of a property key: `p`, `'p'`, `1`, `#p`, `` [`p`] ``; undefined for a computed one. */
export function staticKeyName(key: t.Node, computed: boolean): string | undefined {
  if (!computed && t.isIdentifier(key)) return key.name;
  if (t.isStringLiteral(key)) return key.value;
  if (t.isNumericLiteral(key)) return String(key.value);
  if (t.isPrivateName(key)) return `#${key.id.name}`;
  if (computed && t.isTemplateLiteral(key) && key.expressions.length === 0)
    return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The property name of `o.p`, `o['p']`, `o.#p`; undefined for a computed key. */
export function memberName(node: t.Node): string | undefined {
  if (t.isMemberExpression(node) || t.isOptionalMemberExpression(node))
    return staticKeyName(node.property, node.computed);
  return undefined;
}

/** What kind of function a node is, as far as `async` is concerned. */
export function roleOf(path: NodePath<t.Function>): FunctionKind {
  const node = path.node;
  if (t.isArrowFunctionExpression(node)) return 'arrow';
  if (t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node)) {
    if (node.kind === 'get') return 'getter';
    if (node.kind === 'set') return 'setter';
    if (node.kind === 'constructor') return 'constructor';
    return 'method';
  }
  return 'function';
}

/** A class's name: its own, or the variable it is assigned to (esbuild writes `var C = class {…}`). */
export function classNameOf(path: NodePath): string | undefined {
  const node = path.node;
  if ((t.isClassDeclaration(node) || t.isClassExpression(node)) && node.id) return node.id.name;
  const parent = path.parent;
  if (t.isVariableDeclarator(parent) && t.isIdentifier(parent.id)) return parent.id.name;
  if (t.isAssignmentExpression(parent))
    return t.isIdentifier(parent.left) ? parent.left.name : memberName(parent.left);
  return undefined;
}

/** How a person would name a function in a message: `login`, `Client.get`, `arrow function`. */
export function nameOf(path: NodePath<t.Function>): string {
  const node = path.node;
  if ((t.isFunctionDeclaration(node) || t.isFunctionExpression(node)) && node.id) return node.id.name;
  if (t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node)) {
    const key = staticKeyName(node.key, node.computed ?? false) ?? '[computed]';
    const owner = path.parentPath?.parentPath;
    const className = owner?.isClass() ? classNameOf(owner) : undefined;
    return className ? `${className}.${key}` : key;
  }
  const parent = path.parent;
  if (t.isVariableDeclarator(parent) && t.isIdentifier(parent.id)) return parent.id.name;
  if (t.isObjectProperty(parent)) return staticKeyName(parent.key, parent.computed) ?? 'anonymous function';
  if (t.isAssignmentExpression(parent)) return memberName(parent.left) ?? 'anonymous function';
  return t.isArrowFunctionExpression(node) ? 'arrow function' : 'anonymous function';
}
