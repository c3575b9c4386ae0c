// Results files that could not be written (disk full, folder gone or read-only): one clear line per
// file — `cannot write <file>: ENOSPC (no space left on device)` — instead of a stack trace. A writer
// that must not stop the load mid-run (the time series, written every second) notes its failure here
// and goes on; the verdict phase turns every noted failure into a failed run (exit 1).
//
// Also the home of one test-only fault-injection hook: C4ANG_PERF_FAIL_WRITES_AFTER_MS=<ms> makes every
// results write that asks `injectedWriteFault` (the time series, verdict.json, junit.xml, report.md,
// report.html) fail with ENOSPC from <ms> ms after the first such write of the process (the time
// series' first second, i.e. about when load starts), as a disk that fills up mid-run would. The
// drills use it (test/drills/results-dir.test.ts) because a small tmpfs needs root. Unset, it does
// nothing; it is read here and nowhere else. Runs in: Node.

import { sep } from 'node:path';

const FAULT_ENV = 'C4ANG_PERF_FAIL_WRITES_AFTER_MS';

function faultAfterMs(): number | undefined {
  const raw = process.env[FAULT_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  const ms = Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** When the first results write asked (performance.now()), once the hook is set. */
let firstWriteAtMs: number | undefined;

/** The ENOSPC error a full disk would give for `file`, when the fault hook is set and due; else undefined. */
export function injectedWriteFault(file: string): NodeJS.ErrnoException | undefined {
  const afterMs = faultAfterMs();
  if (afterMs === undefined) return undefined;
  firstWriteAtMs ??= performance.now();
  if (performance.now() - firstWriteAtMs < afterMs) return undefined;
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${file}' (${FAULT_ENV})`), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
    path: file,
  });
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'the folder is gone',
  ENOTDIR: 'a path component is not a folder',
  EIO: 'input/output error',
};

/** `cannot write <file>: ENOSPC (no space left on device)`; other errors with their message. */
export function describeWriteFailure(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code && REASONS[code] ? `${code} (${REASONS[code]})` : ((error as Error)?.message ?? String(error));
  return `cannot write ${file}: ${reason}`;
}

const noted = new Map<string, string>();

/** Remember that `file` could not be written (the first failure per file); returns its line. */
export function noteWriteFailure(file: string, error: unknown): string {
  const line = describeWriteFailure(file, error);
  if (!noted.has(file)) noted.set(file, line);
  return line;
}

/** Noted failures of files under `dir` (a run folder: a gate runs several in one process), in order. */
export function writeFailuresUnder(dir: string): string[] {
  const prefix = dir.endsWith(sep) ? dir : `${dir}${sep}`;
  return [...noted.entries()].filter(([file]) => file.startsWith(prefix)).map(([, line]) => line);
}
