// Runs an npm script the way a user does (`npm run <script> -- args`), in its own process group, so a
// test can send what a terminal sends on Ctrl-C (SIGINT to the whole foreground group) or what a CI
// runner sends (SIGTERM to npm alone). Test helper for the e2e tier.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface NpmRun {
  readonly npm: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) of npm. */
  readonly exited: Promise<number | string>;
  /** Like a terminal's Ctrl-C: the signal to every process of the group. */
  signalGroup(signal: NodeJS.Signals): void;
  /** Pids of npm's descendants (the script's process and whatever it started). */
  descendants(): number[];
}

// Vitest exports Vite's BASE_URL ("/") into process.env; a harness must not take it for its target.
const { BASE_URL: _viteBaseUrl, ...inheritedEnv } = process.env;

export function npmRun(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): NpmRun {
  const npm = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inheritedEnv, CI: 'true', ...env },
  });
  let out = '';
  let err = '';
  npm.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  npm.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    npm.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    npm,
    stdout: () => out,
    stderr: () => err,
    exited,
    signalGroup(signal) {
      try {
        process.kill(-npm.pid!, signal);
      } catch {
        // group already gone
      }
    },
    descendants: () => descendantsOf(npm.pid!),
  };
}

/** Every descendant pid of `pid` (children, their children, …), from `ps`. */
export function descendantsOf(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of table)
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
  }
  return found;
}

/** True while `pid` runs; a zombie (exited, not yet reaped: e.g. re-parented to a container's init
 * that never reaps) does not count. */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};
