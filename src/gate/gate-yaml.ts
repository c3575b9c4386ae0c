// Parses the gate config's YAML with `yaml`'s parseDocument and a LineCounter, keeping node positions
// so every validation problem names the line of the field it is about. Runs in: Node.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

/** A path into the document: map keys and sequence indexes, e.g. ['steps', 1, 'scale']. */
export type FieldPath = readonly (string | number)[];

export interface LocatedYaml {
  /** The plain JS value; undefined when the text had syntax errors or was empty. */
  value: unknown;
  /** 1-based line of the deepest existing node on `path` (the key's line for map entries). */
  lineOf(path: FieldPath): number;
  /** YAML syntax problems as `line` + message; validation stops when there are any. */
  syntaxErrors: { line: number; message: string }[];
}

export function parseLocatedYaml(text: string): LocatedYaml {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  const syntaxErrors = doc.errors.map((error) => ({
    line: error.linePos?.[0]?.line ?? counter.linePos(error.pos[0]).line,
    message: `YAML: ${(error.message.split('\n')[0] ?? error.message).replace(/:\s*$/, '')}`,
  }));
  return {
    value: syntaxErrors.length > 0 ? undefined : doc.toJS(),
    lineOf: (path) => locate(doc, path, counter),
    syntaxErrors,
  };
}

/** `steps[1].limits.p95Ms` from `['steps', 1, 'limits', 'p95Ms']`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text ? `.${part}` : part;
  return text;
}

function locate(doc: Document, path: FieldPath, counter: LineCounter): number {
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
