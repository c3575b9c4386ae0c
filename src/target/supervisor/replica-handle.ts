// One replica under supervision (a pod with its container): start = spawn + readiness probe; an
// unexpected exit is restarted after restartDelayMs (doubling while it keeps crashing before ready, like
// CrashLoopBackOff); fail/recover/restart/kill carry out PodChaos. The name survives restarts.
// Runs in: Node (parent).
import type { ChildProcess } from 'node:child_process';
import type { ServiceRoute } from '../../vu/services.ts';
import { NAMESPACE } from '../defaults.ts';
import type { ChildToParent, ReplicaConfig } from '../ipc-messages.ts';
import type { StoreDispatch } from '../store/store-dispatch.ts';
import type { ReplicaInfo, ReplicaState } from '../types.ts';
import type { ChildCommand } from './child-entry.ts';
import { containerLabels, podLabels, podName } from './pod-identity.ts';
import { waitUntilReady } from './readiness-probe.ts';
import { sendSafely, spawnChild, terminate, waitForMessage } from './spawn-child.ts';

interface ReplicaSettings {
  command: ChildCommand;
  host: string;
  gatewayUrl: string;
  restartDelayMs: number;
  readyTimeoutMs: number;
  config: Pick<ReplicaConfig, 'latency' | 'drainTimeoutMs' | 'customerCount' | 'meshIdentity'>;
  dispatchStore: StoreDispatch;
  onChange: () => void;
  log: (line: string) => void;
}

type Mode = 'running' | 'failing' | 'restarting' | 'stopping';

export class ReplicaHandle {
  readonly name: string;
  readonly definition: ServiceRoute;
  readonly #settings: ReplicaSettings;
  #child: ChildProcess | undefined;
  #state: ReplicaState = 'stopped';
  #mode: Mode = 'running';
  #port = 0;
  #restarts = 0;
  #crashLoops = 0;
  #startedAt = '';
  #timer: NodeJS.Timeout | undefined;

  constructor(definition: ServiceRoute, index: number, settings: ReplicaSettings) {
    this.definition = definition;
    this.name = podName(definition.name, index);
    this.#settings = settings;
  }

  get state(): ReplicaState {
    return this.#state;
  }
  get port(): number {
    return this.#port;
  }

  info(): ReplicaInfo {
    const { host } = this.#settings;
    return {
      name: this.name,
      service: this.definition.name,
      labels: podLabels(this.definition),
      namespace: NAMESPACE,
      pid: this.#child?.pid ?? 0,
      port: this.#port,
      state: this.#state,
      restarts: this.#restarts,
      startedAt: this.#startedAt,
      metricsUrl: this.#port ? `http://${host}:${this.#port}/metrics` : '',
    };
  }

  /** Spawn the process and resolve once the readiness probe passes; rejects (and kills it) otherwise. */
  async start(): Promise<void> {
    const { command, host, readyTimeoutMs, log } = this.#settings;
    const child = spawnChild(command, this.name, log);
    this.#child = child;
    this.#startedAt = new Date().toISOString();
    this.#setState('starting');
    child.on('message', (message: ChildToParent) => this.#onMessage(child, message));
    child.once('exit', (code, signal) => this.#onExit(child, code, signal));
    const config: ReplicaConfig = {
      ...this.#settings.config,
      service: this.definition.name,
      name: this.name,
      host,
      port: this.#port,
      gatewayUrl: this.#settings.gatewayUrl,
      podLabels: containerLabels(this.definition, this.name),
    };
    sendSafely(child, { type: 'init', config });
    try {
      const { port } = await waitForMessage(child, 'listening', readyTimeoutMs);
      this.#port = port;
      await waitUntilReady(host, port, `${this.definition.prefix}/health`, readyTimeoutMs);
      if (this.#child !== child || this.#mode !== 'running') return;
      this.#crashLoops = 0;
      this.#setState('ready');
    } catch (error) {
      if (this.#child === child) child.kill('SIGKILL');
      throw new Error(`${this.name} did not become ready: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Send a signal (pod-kill); the exit is then handled like any other: restart after the delay. */
  kill(signal: 'SIGKILL' | 'SIGTERM'): { name: string; pid: number } | undefined {
    const child = this.#child;
    if (!child?.pid) return undefined;
    child.kill(signal);
    return { name: this.name, pid: child.pid };
  }

  /** Stop the process and keep it down for durationMs (pod-failure), then start it again. */
  fail(durationMs: number): void {
    this.#clearTimer();
    this.#mode = 'failing';
    if (this.#child) this.#child.kill('SIGKILL');
    else this.#setState('failed');
    this.#timer = setTimeout(() => this.recover(), durationMs);
  }

  /** End a `fail` early; false when the replica was not failed on purpose. */
  recover(): boolean {
    if (this.#mode !== 'failing') return false;
    this.#clearTimer();
    this.#mode = 'running';
    this.#startAgain();
    return true;
  }

  /** Kill and start again at once (container-kill). */
  restart(): void {
    this.#clearTimer();
    if (this.#child) {
      this.#mode = 'restarting';
      this.#child.kill('SIGKILL');
    } else {
      this.#mode = 'running';
      this.#startAgain();
    }
  }

  /** Graceful stop: SIGTERM (the replica drains), SIGKILL after drainTimeoutMs + 1 s. */
  async stop(): Promise<void> {
    this.#mode = 'stopping';
    this.#clearTimer();
    const child = this.#child;
    if (child) await terminate(child, 'SIGTERM', this.#settings.config.drainTimeoutMs + 1000);
    this.#setState('stopped');
  }

  #onMessage(child: ChildProcess, message: ChildToParent): void {
    if (message.type === 'store') {
      try {
        const value = this.#settings.dispatchStore(this.definition.name, message.op, message.args);
        sendSafely(child, { type: 'store-reply', id: message.id, ok: true, value });
      } catch (error) {
        sendSafely(child, {
          type: 'store-reply',
          id: message.id,
          ok: false,
          error: (error as Error).message,
        });
      }
    } else if (message.type === 'draining' && this.#child === child) {
      this.#setState('draining');
    }
  }

  #onExit(child: ChildProcess, code: number | null, signal: string | null): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    this.#settings.log(`${this.name} exited (${signal ?? `code ${code}`}) in state ${this.#state}`);
    const wasServing = this.#state === 'ready' || this.#state === 'draining';
    if (this.#mode === 'stopping') {
      this.#setState('stopped');
      return;
    }
    this.#setState('failed');
    if (this.#mode === 'failing') return;
    if (this.#mode === 'restarting') {
      this.#mode = 'running';
      this.#startAgain();
      return;
    }
    this.#crashLoops = wasServing ? 0 : this.#crashLoops + 1;
    const delayMs = this.#settings.restartDelayMs * Math.min(2 ** this.#crashLoops, 32);
    this.#timer = setTimeout(() => this.#startAgain(), delayMs);
  }

  #startAgain(): void {
    this.#timer = undefined;
    this.#restarts++;
    this.start().catch((error: Error) => this.#settings.log(error.message));
  }

  #setState(state: ReplicaState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#settings.onChange();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
