// Maps stack frames of compiled scripts back to the user's files: esbuild's inline source map is read
// once per script and applied with node:module's SourceMap, since Node 20 does not map vm.Script
// stacks itself. Runs in: Node (any runner thread).
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';

const MAPS = new Map<string, { map: SourceMap; dir: string }>();
const INLINE = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
const FRAME = /^(.*?)([^\s()]+):(\d+):(\d+)(\)?)$/;

/** Remember the inline map of `code`, compiled under `filename`. */
export function registerSourceMap(filename: string, code: string): void {
  const match = INLINE.exec(code);
  if (!match) return;
  try {
    MAPS.set(filename, {
      map: new SourceMap(JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8'))),
      dir: dirname(filename),
    });
  } catch {
    // A broken map only costs readable line numbers.
  }
}

/** `at fn (/abs/script.js:28:9)` → `at fn (/abs/script.js:4:9)` when a map is known for that file. */
export function mapStackFrame(frame: string): string {
  const match = FRAME.exec(frame);
  if (!match) return frame;
  const [, head, file, line, column, close] = match;
  const known = MAPS.get(file!);
  if (!known) return frame;
  const entry = known.map.findEntry(Number(line) - 1, Number(column) - 1) as {
    originalSource?: string;
    originalLine?: number;
    originalColumn?: number;
  };
  if (entry.originalSource === undefined || entry.originalLine === undefined) return frame;
  const source = entry.originalSource.startsWith('file://')
    ? new URL(entry.originalSource).pathname
    : resolve(process.cwd(), entry.originalSource);
  return `${head}${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}${close}`;
}
