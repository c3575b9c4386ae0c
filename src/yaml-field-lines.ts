// Field paths into a YAML document and the line each one stands on, so every validation problem
// — in a Chaos Mesh manifest or the gate config — names `file:line field.path`. Runs in: Node.
import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** A path into a document: map keys and sequence indexes, e.g. ['spec', 'selector', 'namespaces', 0]. */
export type FieldPath = readonly (string | number)[];

/** `spec.selector.namespaces[0]` from `['spec', 'selector', 'namespaces', 0]`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text ? `.${part}` : part;
  return text;
}

/** 1-based line of the deepest existing node on `path` (the key's line for map entries). */
export function lineOfField(doc: Document, path: FieldPath, counter: LineCounter): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value === key : p.key === key));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  return counter.linePos(offset).line;
}

function rangeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}
