// Maps stack frames of compiled scripts back to the user's files: the script's inline source map
// (esbuild's, or the blocking-call transform's chained onto it) is read once per script and applied
// with node:module's SourceMap, since Node 20 does not map vm.Script stacks itself. Also reads and
// writes those inline maps for the transform. Runs in: Node (any runner thread).
import { SourceMap, type SourceMapPayload } from 'node:module';
import { resolve } from 'node:path';

const MAPS = new Map<string, SourceMap>();
const INLINE = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
const FRAME = /^(.*?)([^\s()]+):(\d+):(\d+)(\)?)$/;

/** The inline source map at the end of `code`, and where its comment starts. */
export function readInlineSourceMap(code: string): { payload: SourceMapPayload; start: number } | undefined {
  const match = INLINE.exec(code);
  if (!match) return undefined;
  try {
    return { payload: JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8')), start: match.index };
  } catch {
    return undefined;
  }
}

/** The `//# sourceMappingURL=data:…` comment carrying `map`. */
export function inlineSourceMapComment(map: object): string {
  return `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

/** Remember the inline map of `code`, compiled under `filename`. */
export function registerSourceMap(filename: string, code: string): void {
  const inline = readInlineSourceMap(code);
  if (!inline) return;
  try {
    MAPS.set(filename, new SourceMap(inline.payload));
  } catch {
    // A broken map only costs readable line numbers.
  }
}

/** Where 1-based `line`:`column` of generated code came from, by `map`; undefined when unmapped. */
export function originalPosition(
  map: SourceMap,
  line: number,
  column: number,
): { file: string; line: number; column: number } | undefined {
  const entry = map.findEntry(line - 1, column - 1) as {
    originalSource?: string;
    originalLine?: number;
    originalColumn?: number;
  };
  if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
  const file = entry.originalSource.startsWith('file://')
    ? new URL(entry.originalSource).pathname
    : resolve(process.cwd(), entry.originalSource);
  return { file, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
}

/** `at fn (/abs/script.js:28:9)` → `at fn (/abs/script.js:4:9)` when a map is known for that file. */
export function mapStackFrame(frame: string): string {
  const match = FRAME.exec(frame);
  if (!match) return frame;
  const [, head, file, line, column, close] = match;
  const known = MAPS.get(file!);
  if (!known) return frame;
  const original = originalPosition(known, Number(line), Number(column));
  if (!original) return frame;
  return `${head}${original.file}:${original.line}:${original.column}${close}`;
}
