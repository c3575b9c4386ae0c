// Entry of a VU worker thread: compiles the bundled script, initializes this worker's VUs, runs its
// stripe of every scenario and ships metric/check deltas to the main thread every second and at the
// end. Runs in: worker thread.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { exitCodeOf } from '../../errors.ts';
import { ExitCode } from '../../exit-codes.ts';
import { nowEpochMs } from '../executors/executor-context.ts';
import { compileScript } from '../load-script.ts';
import { LoopDelayGauge } from '../loop-delay-gauge.ts';
import { K6JsonEncoder } from '../output/k6-json-encode.ts';
import { SeriesDeltas } from '../output/prometheus-rw/series-aggregator.ts';
import { tapRegistry } from '../sample-tap.ts';
import { ThreadRunner } from '../thread-runner.ts';
import { formatError } from '../vu.ts';
import type { MainToWorker, WorkerInit, WorkerSnapshot, WorkerToMain } from './worker-messages.ts';

const port = parentPort!;
const init = workerData as WorkerInit;
const post = (message: WorkerToMain) => port.postMessage(message);
const stop = new AbortController();
const eld = monitorEventLoopDelay({ resolution: 10 });
let sleepNoted = false;
let syncHttpNoted = false;

let runner: ThreadRunner;
let loopDelay: LoopDelayGauge | undefined;
let jsonEncoder: K6JsonEncoder | undefined;
let promRwDeltas: SeriesDeltas | undefined;
try {
  const script = compileScript(init.scriptPath, init.code, init.awaitsBlockingCalls);
  runner = new ThreadRunner(script, init.config, {
    log: (level, message) => post({ type: 'log', level, message }),
    abortTest: (reason) => post({ type: 'abort', reason }),
    noteSleepUsed: () => {
      if (!sleepNoted) post({ type: 'sleep' });
      sleepNoted = true;
    },
    noteSyncHttpUsed: () => {
      if (!syncHttpNoted) post({ type: 'sync-http' });
      syncHttpNoted = true;
    },
  });
  if (init.config.outJson) {
    const encoder = new K6JsonEncoder();
    jsonEncoder = encoder;
    tapRegistry(runner.host.registry, (metric, value, tags, timeMs) =>
      encoder.add(metric, value, tags, timeMs),
    );
  }
  if (init.config.prometheusRw) {
    const registry = runner.host.registry;
    const deltas = new SeriesDeltas((name) => registry.describe(name));
    promRwDeltas = deltas;
    tapRegistry(registry, (metric, value, tags, timeMs) => deltas.add(metric, value, tags, timeMs));
  }
  loopDelay = new LoopDelayGauge(runner.host.registry);
  runner.prepare();
  post({ type: 'ready', vusInitialized: runner.host.counters.vusInitialized });
} catch (error) {
  const exitCode = exitCodeOf(error) === ExitCode.internal ? ExitCode.scriptError : exitCodeOf(error);
  post({ type: 'init-error', message: formatError(error), exitCode });
  process.exit(0);
}

const snapshot = (): WorkerSnapshot => {
  const loopDelayMs = loopDelay?.sample() ?? 0;
  return {
    health: runner.host.health.take(nowEpochMs(), loopDelayMs),
    metrics: runner.host.registry.takeDelta(),
    checks: runner.host.checks.takeDelta(),
    vusActive: runner.host.counters.vusActive,
    vusInitialized: runner.host.counters.vusInitialized,
    eventLoopDelayP99Ms: eld.count > 0 ? eld.percentile(99) / 1e6 : 0,
    json: jsonEncoder?.take(),
    promRw: promRwDeltas?.take(),
  };
};

port.on('message', async (message: MainToWorker) => {
  if (message.type === 'stop') return stop.abort();
  eld.enable();
  loopDelay?.start();
  // A first snapshot soon after the start (vus gauge), then one per second.
  const first = setTimeout(() => post({ type: 'delta', ...snapshot() }), 30);
  const timer = setInterval(() => post({ type: 'delta', ...snapshot() }), 1000);
  const { interrupted } = await runner.run(message.testStartEpochMs, message.setupJson, stop.signal);
  clearInterval(timer);
  clearTimeout(first);
  eld.disable();
  loopDelay?.stop();
  // The figures are final once the executors ended: hand them over before closing sockets, so the
  // run's end does not wait on connection teardown (the main thread terminates this thread anyway).
  post({ type: 'done', interrupted, ...snapshot() });
  await runner.close();
  port.close();
});
