// The gateway process under supervision: started first (replicas call each other through it), fed
// endpoint and fault updates over IPC, and restarted on the same port if it dies unexpectedly.
// Runs in: Node (parent).
import type { ChildProcess } from 'node:child_process';
import type { Endpoint, GatewayConfig } from '../ipc-messages.ts';
import type { FaultSpec } from '../types.ts';
import type { ChildCommand } from './child-entry.ts';
import { sendSafely, spawnChild, terminate, waitForMessage } from './spawn-child.ts';

export class GatewayHandle {
  readonly #command: ChildCommand;
  readonly #config: GatewayConfig;
  readonly #restartDelayMs: number;
  readonly #log: (line: string) => void;
  #child: ChildProcess | undefined;
  #stopping = false;
  #timer: NodeJS.Timeout | undefined;
  #endpoints: Endpoint[] = [];
  #faults: FaultSpec[] = [];

  constructor(
    command: ChildCommand,
    config: GatewayConfig,
    restartDelayMs: number,
    log: (line: string) => void,
  ) {
    this.#command = command;
    this.#config = { ...config };
    this.#restartDelayMs = restartDelayMs;
    this.#log = log;
  }

  get pid(): number {
    return this.#child?.pid ?? 0;
  }

  /** Start and resolve with the bound port; a busy port rejects with code EADDRINUSE. */
  async start(timeoutMs: number): Promise<number> {
    const child = spawnChild(this.#command, 'gateway', this.#log);
    this.#child = child;
    child.once('exit', (code, signal) => this.#onExit(child, code, signal));
    sendSafely(child, { type: 'init', config: this.#config });
    try {
      const { port } = await waitForMessage(child, 'listening', timeoutMs);
      this.#config.port = port;
      sendSafely(child, { type: 'endpoints', endpoints: this.#endpoints });
      sendSafely(child, { type: 'faults', faults: this.#faults });
      child.on('message', (m: { type: string; replica?: string; ejected?: boolean }) => {
        if (m.type === 'outlier')
          this.#log(`gateway: ${m.replica} ${m.ejected ? 'ejected' : 'returned'} (outlier detection)`);
      });
      return port;
    } catch (error) {
      if (this.#child === child) child.kill('SIGKILL');
      throw error;
    }
  }

  setEndpoints(endpoints: Endpoint[]): void {
    this.#endpoints = endpoints;
    sendSafely(this.#child, { type: 'endpoints', endpoints });
  }

  setFaults(faults: FaultSpec[]): void {
    this.#faults = faults;
    sendSafely(this.#child, { type: 'faults', faults });
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#child) await terminate(this.#child, 'SIGTERM', 2000);
  }

  #onExit(child: ChildProcess, code: number | null, signal: string | null): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    if (this.#stopping) return;
    this.#log(`gateway exited (${signal ?? `code ${code}`}); restarting in ${this.#restartDelayMs} ms`);
    this.#timer = setTimeout(() => {
      this.start(10_000).catch((error: Error) => this.#log(`gateway restart failed: ${error.message}`));
    }, this.#restartDelayMs);
  }
}
