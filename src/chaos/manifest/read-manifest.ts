// Reads a YAML manifest file with the `yaml` package and keeps its CST positions, so every
// validation problem can name the line of the field it is about. Node side.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseAllDocuments } from 'yaml';
import { lineOfField } from '../../yaml-field-lines.ts';
import type { FieldPath, Problem } from '../problem.ts';

/** One YAML document of a file: its plain JS value and a field-path → line lookup. */
interface ManifestDocument {
  /** 0-based index of the document in its file. */
  index: number;
  value: unknown;
  /** 1-based line of the deepest existing node on `path` (the key's line for map entries). */
  lineOf(path: FieldPath): number;
}

interface ManifestFile {
  file: string;
  documents: ManifestDocument[];
  /** YAML syntax problems (these stop validation of the file). */
  problems: Problem[];
}

/** Parse YAML text (already read) into located documents; empty documents are dropped. */
export function parseManifest(file: string, text: string): ManifestFile {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: counter, prettyErrors: true });
  const problems: Problem[] = [];
  const documents: ManifestDocument[] = [];
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    problems.push({ file, line: 1, field: '', message: 'not a YAML stream', severity: 'error' });
  }
  for (const doc of list) {
    for (const error of doc.errors) {
      const line = error.linePos?.[0]?.line ?? counter.linePos(error.pos[0]).line;
      problems.push({
        file,
        line,
        field: '',
        message: `YAML: ${firstLine(error.message)}`,
        severity: 'error',
      });
    }
    if (doc.errors.length > 0 || doc.contents === null) continue;
    const index = documents.length;
    documents.push({ index, value: doc.toJS(), lineOf: (path) => lineOfField(doc, path, counter) });
  }
  return { file, documents, problems };
}

/** Read and parse a manifest file; an unreadable file becomes a problem, not a throw. */
export async function readManifest(file: string): Promise<ManifestFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      file,
      documents: [],
      problems: [{ file, line: 1, field: '', message: `cannot read file (${reason})`, severity: 'error' }],
    };
  }
  return parseManifest(file, text);
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/:\s*$/, '');
}
