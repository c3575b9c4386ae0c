// Parses the gate config's YAML with `yaml`'s parseDocument and a LineCounter, keeping node positions
// so every validation problem names the line of the field it is about. Runs in: Node.
import { LineCounter, parseDocument } from 'yaml';
import { type FieldPath, lineOfField } from '../yaml-field-lines.ts';

export { type FieldPath, formatFieldPath } from '../yaml-field-lines.ts';

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
    lineOf: (path) => lineOfField(doc, path, counter),
    syntaxErrors,
  };
}
