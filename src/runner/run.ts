// runLocal(): runs a k6 script with k6's semantics in Node — prepare (104/107 before any load; the
// blocking-call transform's fallback warning right then), init VUs (in-process or in worker threads;
// always a worker thread on the blocking path, so the progress line, the lag watch and Ctrl-C keep
// working while VUs block), setup, scenarios with live thresholds/time series and the live lag
// watch, teardown, final thresholds, summary outputs — and returns k6's exit code.
// Failures before the scenarios start are thrown as HarnessError (carrying 104/107). Whatever happens
// (a throw while writing the summary too), worker threads, timers, the HTTP agent and the outputs are
// closed in `finally`, so nothing keeps the process alive. Runs in: Node (runner main thread).
import { ConfigError, EngineError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { fallbackWarning, strictFromEnv } from './blocking-calls/blocking-fallback.ts';
import { CheckTree } from './check-tree.ts';
import { nowEpochMs } from './executors/executor-context.ts';
import { finishRun } from './finish-run.ts';
import { closeAgent, createHttpAgent } from './http/http-agent.ts';
import { LagWatch } from './lag-watch.ts';
import { liveLineOf } from './live-line.ts';
import { hardStopMs, scenarioDurationMs } from './options/scenario-types.ts';
import type { RawThreshold } from './output/k6-json-encode.ts';
import { readRemoteWriteConfig } from './output/prometheus-rw/rw-config.ts';
import { initVu, prepareRun } from './prepare-run.ts';
import { createProgressLine } from './progress.ts';
import type { LocalRunOptions, LocalRunResult } from './run-options.ts';
import { createRunLogger } from './run-logger.ts';
import { RunMonitor } from './run-monitor.ts';
import { createOutputs } from './run-outputs.ts';
import { runLifecycle } from './run-phases.ts';
import { describeMetrics, type ThreadConfig, ThreadRunner } from './thread-runner.ts';
import { Vu } from './vu.ts';
import { chooseWorkers } from './workers/choose-workers.ts';
import { WorkerGroup } from './workers/worker-group.ts';

export type { LocalRunOptions, LocalRunResult } from './run-options.ts';

function systemEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export async function runLocal(options: LocalRunOptions): Promise<LocalRunResult> {
  const stdout = options.stdout ?? ((text: string) => void process.stdout.write(text));
  // Log lines go above the live progress line (one per process) instead of being glued onto it.
  const stderr = options.stderr ?? ((text: string) => liveLineOf(process.stderr).writeAbove(text));
  let testStartEpochMs = 0;
  const logger = createRunLogger(stderr, () => testStartEpochMs || Date.now());
  const stop = new AbortController();
  let stopCode: number | undefined;
  let group: WorkerGroup | undefined;
  let watch: LagWatch | undefined;
  let sleepUsed = false;
  let syncHttpUsed = false;
  const requestStop = (code: number, message: string) => {
    if (stopCode === undefined) {
      stopCode = code;
      logger.log(code === ExitCode.interrupted ? 'warn' : 'error', message);
    }
    stop.abort();
    group?.stop();
  };
  const hooks = {
    log: logger.log,
    abortTest: (reason: string) => requestStop(ExitCode.scriptAborted, `test aborted: ${reason}`),
    noteSleepUsed: () => {
      sleepUsed = true;
    },
    noteSyncHttpUsed: () => {
      syncHttpUsed = true;
    },
  };
  const env = { ...(options.includeSystemEnv ? systemEnv() : {}), ...options.env };
  // Output configuration comes from the process environment, as in k6 (never from -e); a bad value
  // stops the run before anything is bundled or started.
  const remoteWrite = options.prometheusRemoteWrite
    ? readRemoteWriteConfig(options.outputEnv ?? process.env, { localRunner: true })
    : undefined;
  if (remoteWrite && !remoteWrite.config)
    throw new ConfigError('invalid experimental-prometheus-rw configuration', remoteWrite.problems);
  for (const warning of remoteWrite?.warnings ?? []) logger.log('warn', warning);
  const { vus, duration, iterations, stages } = options;
  const prepared = await prepareRun({
    scriptPath: options.scriptPath,
    env,
    overrides: { vus, duration, iterations, stages },
    cliTags: options.tags,
    summaryTrendStats: options.summaryTrendStats,
    timeSeries: !!options.timeSeriesPath,
    hooks,
    strictBlocking: options.strictBlocking ?? strictFromEnv(options.outputEnv ?? process.env),
  });
  const { resolved, registry, script, blockingCalls } = prepared;
  const blockingPath = blockingCalls.kind === 'fallback';
  if (blockingCalls.kind === 'fallback')
    logger.log('warn', fallbackWarning(options.scriptPath, blockingCalls.problems));
  for (const warning of resolved.warnings) logger.log('warn', warning);
  const workerChoice = chooseWorkers(options.workers, resolved.scenarios, { blockingPath });
  if (workerChoice.warning) logger.log('warn', workerChoice.warning);
  const workers = workerChoice.count;
  // Blocking VUs stop their thread's event loop: keep them off the main thread, whose loop draws the
  // progress, watches the schedule and hears Ctrl-C.
  const threaded = workers > 1 || blockingPath;
  const checks = new CheckTree();
  const agent = createHttpAgent();
  const config: Omit<ThreadConfig, 'segment'> = {
    scenarios: resolved.scenarios,
    env,
    globalTags: resolved.tags,
    options: resolved.consolidated as Record<string, unknown>,
    discardResponseBodies: resolved.discardResponseBodies,
    submetricKeys: resolved.thresholdKeys,
    customMetrics: describeMetrics(registry),
    timeSeries: !!options.timeSeriesPath,
    outJson: !!options.outJsonPath,
    prometheusRw: !!remoteWrite?.config,
  };
  const main = new ThreadRunner(
    script,
    { ...config, scenarios: threaded ? [] : config.scenarios, segment: { index: 0, count: 1 } },
    hooks,
    { registry, checks, agent },
  );
  const mainVu = new Vu(main.host, 0, 0, Object.freeze({ ...env }));
  const outputs = createOutputs({
    registry,
    outJsonPath: options.outJsonPath,
    timeSeriesPath: options.timeSeriesPath,
    thresholds: resolved.consolidated.thresholds as Record<string, RawThreshold[]> | undefined,
    prometheusRw: remoteWrite?.config,
    log: logger.log,
  });
  if (!options.quiet) for (const output of outputs.descriptions) logger.log('info', `output: ${output}`);
  const onSignal = () =>
    requestStop(ExitCode.interrupted, 'interrupted: stopping the test and writing the summary');
  let monitor: RunMonitor | undefined;
  let hardStop: NodeJS.Timeout | undefined;
  try {
    try {
      initVu(script, mainVu);
      if (threaded) {
        group = new WorkerGroup(workers, script, config, {
          registry,
          checks,
          addJsonBatch: outputs.addJsonBatch,
          addPromRwDeltas: outputs.addPromRwDeltas,
          onHealth: (index, health) => watch?.report(index, health),
          ...hooks,
        });
        await group.ready();
      } else main.prepare();
    } catch (error) {
      throw error instanceof EngineError
        ? error
        : new EngineError(String(error), ExitCode.scriptError, { cause: error });
    }
    if (options.signal?.aborted) onSignal();
    options.signal?.addEventListener('abort', onSignal, { once: true });
    const setupData = await runLifecycle(mainVu, 'setup', undefined, resolved.setupTimeoutMs);
    const setupJson = setupData === undefined ? '' : JSON.stringify(setupData);

    testStartEpochMs = nowEpochMs();
    const hardStopEpochMs = testStartEpochMs + hardStopMs(resolved.scenarios);
    const totalMs = Math.max(...resolved.scenarios.map((s) => s.startTimeMs + scenarioDurationMs(s)));
    const showProgress = options.progress && !options.quiet && process.stderr.isTTY;
    const counters = () =>
      group
        ? { vus: group.counters().vusActive, vusMax: group.counters().vusInitialized }
        : { vus: main.host.counters.vusActive, vusMax: main.pool.initialized };
    const lagWatch = new LagWatch({
      scenarios: resolved.scenarios,
      threads: group ? workers : 1,
      testStartEpochMs,
      log: logger.log,
    });
    watch = lagWatch;
    monitor = new RunMonitor({
      registry,
      thresholds: resolved.thresholds,
      evaluateThresholds: !options.noThresholds,
      testStartEpochMs,
      counters,
      onThresholdAbort: (r) =>
        requestStop(
          ExitCode.thresholdsFailed,
          `thresholds on metrics '${r.spec.metricKey}' were crossed (${r.spec.expression}); at least one has abortOnFail enabled, stopping test prematurely`,
        ),
      writeSeconds: outputs.writeSeconds,
      progress: showProgress ? createProgressLine(process.stderr, registry, totalMs) : undefined,
      onSecond: (loopDelayMs) => {
        // In-process the main thread runs the VUs: its own pace is the one to watch.
        if (!group) lagWatch.report(0, main.host.health.take(nowEpochMs(), loopDelayMs));
        lagWatch.check(nowEpochMs());
      },
    });
    monitor.start();
    // Backstop of the executors' own deadlines (workers have theirs in WorkerGroup.run).
    if (!group) hardStop = setTimeout(() => stop.abort(), Math.max(0, hardStopEpochMs - nowEpochMs()));
    const interrupted = group
      ? await group.run(testStartEpochMs, setupJson, hardStopEpochMs)
      : (await main.run(testStartEpochMs, setupJson, stop.signal)).interrupted;
    clearTimeout(hardStop);
    const testRunDurationMs = nowEpochMs() - testStartEpochMs;
    options.signal?.removeEventListener('abort', onSignal);
    const generatorLag = lagWatch.finish(nowEpochMs());

    let teardownFailed = false;
    try {
      await runLifecycle(mainVu, 'teardown', setupData, resolved.teardownTimeoutMs);
    } catch (error) {
      teardownFailed = true;
      logger.log('error', (error as Error).message);
    }
    monitor.stop();
    logger.flush();
    const { summaryData, thresholdsFailed } = await finishRun({
      registry,
      checks,
      resolved,
      mainVu,
      setupData,
      testRunDurationMs,
      noThresholds: !!options.noThresholds,
      noColor: !!options.noColor,
      colors: !options.noColor && !!process.stdout.isTTY && !options.stdout,
      summaryExportPath: options.summaryExportPath,
      stdout,
      stderr,
      log: logger.log,
      generator: {
        sleepUsed,
        syncHttpUsed,
        eventLoopDelayP99Ms: Math.max(
          monitor.eventLoopDelayP99Ms(),
          group?.counters().eventLoopDelayP99Ms ?? 0,
        ),
        interruptedIterations: interrupted,
        generatorLag,
      },
      blockingPath,
    });
    if (thresholdsFailed && stopCode !== undefined && stopCode !== ExitCode.thresholdsFailed)
      logger.log('error', 'some thresholds have failed');
    const exitCode =
      stopCode ??
      (teardownFailed ? ExitCode.scriptError : thresholdsFailed ? ExitCode.thresholdsFailed : ExitCode.ok);
    return { exitCode, summaryData, durationMs: testRunDurationMs };
  } finally {
    clearTimeout(hardStop);
    options.signal?.removeEventListener('abort', onSignal);
    monitor?.dispose();
    await Promise.all([group?.terminate(), closeAgent(agent), main.close(), outputs.close()]);
  }
}
