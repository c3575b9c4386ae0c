// Probes the drills take of a run while it runs and after it ended: every process it started, its
// harness's memory, every command line on the box, every file it left (gzip read through). Polling is
// always bounded by the run's own exit. Test helper for the drill tier.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { waitFor } from '../e2e/target/target-client.ts';
import { type DrillRun, startLoad } from './run-drill.ts';

/** Calls `probe` every `everyMs` until the run has exited (and once more right after). */
export async function pollWhileRunning(
  run: DrillRun,
  everyMs: number,
  probe: () => void | Promise<void>,
): Promise<number | string> {
  let done = false;
  const exit = run.exited.then((code) => {
    done = true;
    return code;
  });
  while (!done) {
    await probe();
    await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, everyMs))]);
  }
  return exit;
}

/** The harness's pid: npm's only child (the script `exec`s node, so no shell sits between). */
export async function harnessPid(run: DrillRun, timeoutMs = 30_000): Promise<number> {
  return waitFor(
    'the harness process',
    async () => {
      const children = childrenOf(run.npm.pid!);
      return children.length === 1 ? children[0] : undefined;
    },
    timeoutMs,
  );
}

function childrenOf(pid: number): number[] {
  return execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number])
    .filter(([, ppid]) => ppid === pid)
    .map(([child]) => child);
}

/** `VmRSS` / `VmHWM` (peak) of a process in KiB, from /proc; undefined once it is gone. */
export function memoryKb(pid: number): { rssKb: number; peakKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Every command line on the box right now (`ps -eo args`), one per entry. */
export function allCommandLines(): string[] {
  return execFileSync('ps', ['-e', '-ww', '-o', 'args='], { encoding: 'utf8', maxBuffer: 16 << 20 })
    .split('\n')
    .filter(Boolean);
}

/** Every regular file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/** A file's text; gzip files are decompressed first. */
export function readText(file: string): string {
  const bytes = readFileSync(file);
  const gzipped = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return (gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Lines of an NDJSON file that do not parse (1-based line numbers); the file's line count. */
export function badNdjsonLines(file: string): { lines: number; bad: number[] } {
  const text = readText(file);
  const lines = text.split('\n');
  // A complete file ends with a newline: the last element is then empty; anything else is a torn line.
  const bad: number[] = [];
  lines.forEach((line, index) => {
    if (line === '' && index === lines.length - 1) return;
    try {
      JSON.parse(line);
    } catch {
      bad.push(index + 1);
    }
  });
  return { lines: lines.length - 1, bad };
}

export const fileSize = (file: string): number => statSync(file).size;

export const mib = (kb: number): string => `${(kb / 1024).toFixed(0)} MiB`;

/**
 * startLoad without Vite's BASE_URL ("/"): run-drill.ts leaves it out of its own env, but npmRun
 * spreads process.env first, so the child still got it (and stopped with 104). An undefined value
 * is dropped by spawn.
 */
export function startRun(
  profile: string,
  runId: string,
  args: readonly string[],
  resultsRoot?: string,
  env: NodeJS.ProcessEnv = {},
): DrillRun {
  return startLoad(profile, runId, args, resultsRoot, { BASE_URL: undefined, ...env });
}
