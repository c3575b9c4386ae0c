// How child processes are started: the replica and gateway entries are bundled once with esbuild into
// node_modules/.cache (content-addressed, so concurrent starts are safe) and run with plain `node`,
// which starts ~10× faster than `node --import tsx`; tsx is the fallback if bundling fails.
// Runs in: Node (parent).
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export type ChildKind = 'replica' | 'gateway';

export interface ChildCommand {
  /** Arguments for `process.execPath`. */
  args: string[];
  /** Working directory (project root, where node_modules resolves). */
  cwd: string;
}

const SOURCES: Record<ChildKind, URL> = {
  replica: new URL('../services/replica-main.ts', import.meta.url),
  gateway: new URL('../gateway/gateway-main.ts', import.meta.url),
};
const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let prepared: Promise<Record<ChildKind, ChildCommand>> | undefined;

/** Commands for both child kinds; built once per parent process. */
export function prepareChildCommands(log: (line: string) => void): Promise<Record<ChildKind, ChildCommand>> {
  prepared ??= Promise.all([commandFor('replica', log), commandFor('gateway', log)]).then(
    ([replica, gateway]) => ({ replica, gateway }),
  );
  return prepared;
}

async function commandFor(kind: ChildKind, log: (line: string) => void): Promise<ChildCommand> {
  const source = fileURLToPath(SOURCES[kind]);
  try {
    return { args: [await bundle(kind, source)], cwd: PROJECT_ROOT };
  } catch (error) {
    log(`bundling the ${kind} entry failed, using tsx instead: ${(error as Error).message}`);
    return { args: ['--import', 'tsx', source], cwd: PROJECT_ROOT };
  }
}

async function bundle(kind: ChildKind, source: string): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = join(PROJECT_ROOT, 'node_modules', '.cache', 'c4ang-target');
  const file = join(dir, `${kind}-${hash}.mjs`);
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(dir, { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, code);
    await rename(temp, file);
  }
  return file;
}
