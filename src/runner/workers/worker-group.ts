// The main thread's side of multi-core runs: N worker threads, each running stripe i of N of every
// scenario (k6 execution segments, see share()/arrival striping), whose deltas are merged into the
// main registry and checks tree. Runs in: Node (runner main thread).
import { Worker } from 'node:worker_threads';
import { EngineError } from '../../errors.ts';
import type { ExitCodeValue } from '../../exit-codes.ts';
import type { CheckTree } from '../check-tree.ts';
import type { CompiledScript } from '../load-script.ts';
import { nowEpochMs } from '../executors/executor-context.ts';
import type { ThreadHealth } from '../generator-health.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import type { K6JsonBatch } from '../output/k6-json-encode.ts';
import type { SeriesDelta } from '../output/prometheus-rw/series-aggregator.ts';
import type { ThreadConfig } from '../thread-runner.ts';
import type { LogLevel } from '../vu-host.ts';
import { tsWorkerBootstrap } from './ts-worker.ts';
import type { MainToWorker, WorkerInit, WorkerSnapshot, WorkerToMain } from './worker-messages.ts';

export interface WorkerGroupHooks {
  registry: MetricRegistry;
  checks: CheckTree;
  log(level: LogLevel, message: string): void;
  abortTest(reason: string): void;
  noteSleepUsed(): void;
  noteSyncHttpUsed(): void;
  addJsonBatch?: (batch: K6JsonBatch) => void;
  addPromRwDeltas?: (deltas: readonly SeriesDelta[]) => void;
  /** Worker `index` reported its pace (every second): the live lag watch. */
  onHealth?: (index: number, health: ThreadHealth) => void;
}

/** After the hard stop, how long a worker may take to hand over its last figures before it is terminated, ms. */
export const WORKER_STOP_GRACE_MS = 5000;

interface Member {
  index: number;
  worker: Worker;
  finished: boolean;
  vusActive: number;
  vusInitialized: number;
  eldMs: number;
  done: Promise<number>;
}

export class WorkerGroup {
  readonly #members: Member[] = [];
  readonly #ready: Promise<void>;
  readonly #hooks: WorkerGroupHooks;

  constructor(
    count: number,
    script: Pick<CompiledScript, 'path' | 'code' | 'awaitsBlockingCalls'>,
    config: Omit<ThreadConfig, 'segment'>,
    hooks: WorkerGroupHooks,
  ) {
    this.#hooks = hooks;
    const bootstrap = tsWorkerBootstrap(new URL('./worker-entry.ts', import.meta.url));
    const readies: Promise<void>[] = [];
    for (let index = 0; index < count; index++) {
      const init: WorkerInit = {
        scriptPath: script.path,
        code: script.code,
        awaitsBlockingCalls: script.awaitsBlockingCalls,
        config: { ...config, segment: { index, count } },
      };
      const worker = new Worker(bootstrap, { eval: true, workerData: init });
      let resolveReady!: () => void;
      let rejectReady!: (error: Error) => void;
      readies.push(
        new Promise<void>((res, rej) => {
          resolveReady = res;
          rejectReady = rej;
        }),
      );
      let resolveDone!: (interrupted: number) => void;
      const member: Member = {
        index,
        worker,
        finished: false,
        vusActive: 0,
        vusInitialized: 0,
        eldMs: 0,
        done: new Promise((r) => {
          resolveDone = r;
        }),
      };
      worker.on('message', (message: WorkerToMain) => {
        switch (message.type) {
          case 'ready':
            member.vusInitialized = message.vusInitialized;
            return resolveReady();
          case 'init-error':
            return rejectReady(new EngineError(message.message, message.exitCode as ExitCodeValue));
          case 'delta':
            return this.#merge(member, message);
          case 'log':
            return hooks.log(message.level, message.message);
          case 'abort':
            return hooks.abortTest(message.reason);
          case 'sleep':
            return hooks.noteSleepUsed();
          case 'sync-http':
            return hooks.noteSyncHttpUsed();
          case 'done':
            member.finished = true;
            this.#merge(member, message);
            return resolveDone(message.interrupted);
        }
      });
      worker.on('error', (error) => {
        rejectReady(new EngineError(`worker ${index} failed: ${error.message}`, undefined, { cause: error }));
        hooks.log('error', `worker ${index} failed: ${error.message}`);
        resolveDone(0);
      });
      worker.on('exit', () => {
        member.finished = true;
        resolveDone(0);
      });
      this.#members.push(member);
    }
    this.#ready = Promise.all(readies).then(() => undefined);
    this.#ready.catch(() => undefined);
  }

  /** Resolves when every worker initialized its VUs; rejects with the first init error (exit 107). */
  ready(): Promise<void> {
    return this.#ready;
  }

  /**
   * Start all workers at `testStartEpochMs`; resolves with the interrupted iteration count once all
   * finished. Backstop for `hardStopEpochMs` (planned end + gracefulStop): each worker's executors
   * interrupt at their own deadline, but a worker too blocked to notice is told to stop there and
   * terminated WORKER_STOP_GRACE_MS later, so the run ends even then.
   */
  async run(testStartEpochMs: number, setupJson: string, hardStopEpochMs: number): Promise<number> {
    this.#post({ type: 'start', testStartEpochMs, setupJson });
    let kill: NodeJS.Timeout | undefined;
    const hardStop = setTimeout(
      () => {
        this.stop();
        kill = setTimeout(() => this.#terminateLate(), WORKER_STOP_GRACE_MS);
      },
      Math.max(0, hardStopEpochMs - nowEpochMs()),
    );
    try {
      const counts = await Promise.all(this.#members.map((m) => m.done));
      return counts.reduce((a, b) => a + b, 0);
    } finally {
      clearTimeout(hardStop);
      clearTimeout(kill);
    }
  }

  stop(): void {
    this.#post({ type: 'stop' });
  }

  counters(): { vusActive: number; vusInitialized: number; eventLoopDelayP99Ms: number } {
    let vusActive = 0;
    let vusInitialized = 0;
    let eld = 0;
    for (const m of this.#members) {
      vusActive += m.vusActive;
      vusInitialized += m.vusInitialized;
      eld = Math.max(eld, m.eldMs);
    }
    return { vusActive, vusInitialized, eventLoopDelayP99Ms: eld };
  }

  /** Stop every worker thread now (safe to repeat; cleanup of every run path). */
  async terminate(): Promise<void> {
    await Promise.all(this.#members.map((m) => m.worker.terminate()));
  }

  #terminateLate(): void {
    for (const m of this.#members)
      if (!m.finished) {
        this.#hooks.log(
          'error',
          `worker ${m.index} did not stop within ${WORKER_STOP_GRACE_MS / 1000} s of the hard stop (planned end + gracefulStop): terminated, its last figures are lost`,
        );
        void m.worker.terminate();
      }
  }

  #post(message: MainToWorker): void {
    for (const m of this.#members) m.worker.postMessage(message);
  }

  #merge(member: Member, snapshot: WorkerSnapshot): void {
    this.#hooks.registry.mergeDelta(snapshot.metrics);
    this.#hooks.checks.mergeDelta(snapshot.checks);
    if (snapshot.json) this.#hooks.addJsonBatch?.(snapshot.json);
    if (snapshot.promRw) this.#hooks.addPromRwDeltas?.(snapshot.promRw);
    this.#hooks.onHealth?.(member.index, snapshot.health);
    member.vusActive = snapshot.vusActive;
    member.vusInitialized = snapshot.vusInitialized;
    member.eldMs = Math.max(member.eldMs, snapshot.eventLoopDelayP99Ms);
  }
}
