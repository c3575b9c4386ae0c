// Spawning one child with an IPC channel: its own process group (a terminal's Ctrl-C reaches only the
// parent, which then stops children in order), output forwarded line by line to the log, and a
// bounded wait for a given IPC message. Runs in: Node (parent).
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ChildToParent } from '../ipc-messages.ts';
import type { ChildCommand } from './child-entry.ts';

export function spawnChild(command: ChildCommand, label: string, log: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, command.args, {
    cwd: command.cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
    serialization: 'json',
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => log(`[${label}] ${line}`));
  }
  // A send to a child that just died must not crash the parent.
  child.on('error', (error) => log(`[${label}] process error: ${error.message}`));
  return child;
}

/** Resolve with the first message of `type`; reject on exit, `listen-error` or after timeoutMs. */
export function waitForMessage<T extends ChildToParent['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ChildToParent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: ChildToParent) => {
      if (message.type === type) {
        cleanup();
        resolve(message as Extract<ChildToParent, { type: T }>);
      } else if (message.type === 'listen-error') {
        cleanup();
        reject(Object.assign(new Error(message.message), { code: message.code }));
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`process exited (${signal ?? `code ${code}`}) before '${type}'`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no '${type}' within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Send without throwing when the channel is already closed. */
export function sendSafely(child: ChildProcess | undefined, message: unknown): void {
  if (child?.connected) child.send(message as never, (error) => void error);
}

/** Signal the child, wait for its exit at most timeoutMs, then SIGKILL it. */
export async function terminate(
  child: ChildProcess,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  if ((await Promise.race([exited, late])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}
