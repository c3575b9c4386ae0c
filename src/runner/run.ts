// runLocal(): runs a k6 script with k6's semantics in Node — prepare (104/107 before any load),
// init VUs (in-process or in worker threads), setup, scenarios with live thresholds/time series,
// teardown, final thresholds, summary outputs — and returns k6's exit code. Failures before the
// scenarios start are thrown as HarnessError (carrying 104/107). Runs in: Node (runner main thread).
import { EngineError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { CheckTree } from './check-tree.ts';
import { nowEpochMs } from './executors/executor-context.ts';
import { createHttpAgent } from './http/http-agent.ts';
import type { RawThreshold } from './output/k6-json-encode.ts';
import { createOutputs } from './run-outputs.ts';
import { collectRunWarnings } from './run-warnings.ts';
import { createRunLogger } from './run-logger.ts';
import { RunMonitor } from './run-monitor.ts';
import { runLifecycle } from './run-phases.ts';
import { initVu, prepareRun } from './prepare-run.ts';
import { liveLineOf } from './live-line.ts';
import { createProgressLine } from './progress.ts';
import { scenarioDurationMs } from './options/scenario-types.ts';
import { buildSummaryData, type SummaryData } from './summary/summary-data.ts';
import { evaluateThresholds } from './thresholds/evaluate-thresholds.ts';
import { describeMetrics, type ThreadConfig, ThreadRunner } from './thread-runner.ts';
import { Vu } from './vu.ts';
import { chooseWorkers } from './workers/choose-workers.ts';
import { WorkerGroup } from './workers/worker-group.ts';
import { writeSummary } from './write-summary.ts';

export interface LocalRunOptions {
  /** .js k6 script/bundle or .ts (bundled with esbuild first). */
  scriptPath: string;
  /** -e KEY=VAL → __ENV (process.env only with includeSystemEnv). */
  env?: Record<string, string>;
  includeSystemEnv?: boolean;
  vus?: number;
  duration?: string;
  iterations?: number;
  stages?: { duration: string; target: number }[];
  /** --tag: added to every sample. */
  tags?: Record<string, string>;
  noThresholds?: boolean;
  summaryTrendStats?: string[];
  /** Hide the progress line. */
  quiet?: boolean;
  summaryExportPath?: string;
  /** k6 NDJSON (`--out json=FILE`). */
  outJsonPath?: string;
  /** Our per-second NDJSON time series. */
  timeSeriesPath?: string;
  /** VU worker threads (default: 1, or 2 for large profiles; see chooseWorkers). */
  workers?: number;
  /** Abort = interrupted (exit 105); the summary is still written. */
  signal?: AbortSignal;
  /** handleSummary 'stdout' and the text summary (default process.stdout). */
  stdout?: (text: string) => void;
  /** Logs, handleSummary 'stderr' (default process.stderr). */
  stderr?: (text: string) => void;
  /** Live progress line on a TTY stderr. */
  progress?: boolean;
  noColor?: boolean;
}

export interface LocalRunResult {
  exitCode: number;
  summaryData: SummaryData;
  durationMs: number;
}

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
  const { vus, duration, iterations, stages } = options;
  const prepared = await prepareRun({
    scriptPath: options.scriptPath,
    env,
    overrides: { vus, duration, iterations, stages },
    cliTags: options.tags,
    summaryTrendStats: options.summaryTrendStats,
    timeSeries: !!options.timeSeriesPath,
    hooks,
  });
  const { resolved, registry, script } = prepared;
  for (const warning of resolved.warnings) logger.log('warn', warning);
  const workers = chooseWorkers(options.workers, resolved.scenarios);
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
  };
  const main = new ThreadRunner(
    script,
    { ...config, scenarios: workers > 1 ? [] : config.scenarios, segment: { index: 0, count: 1 } },
    hooks,
    { registry, checks, agent },
  );
  const mainVu = new Vu(main.host, 0, 0, Object.freeze({ ...env }));
  const outputs = createOutputs({
    registry,
    outJsonPath: options.outJsonPath,
    timeSeriesPath: options.timeSeriesPath,
    thresholds: resolved.consolidated.thresholds as Record<string, RawThreshold[]> | undefined,
  });
  const onSignal = () =>
    requestStop(ExitCode.interrupted, 'interrupted: stopping the test and writing the summary');
  try {
    initVu(script, mainVu);
    if (workers > 1) {
      group = new WorkerGroup(workers, script.path, prepared.code, config, {
        registry,
        checks,
        addJsonBatch: outputs.addJsonBatch,
        ...hooks,
      });
      await group.ready();
    } else main.prepare();
  } catch (error) {
    await Promise.all([group?.terminate(), agent.close(), main.close(), outputs.close()]);
    throw error instanceof EngineError
      ? error
      : new EngineError(String(error), ExitCode.scriptError, { cause: error });
  }
  if (options.signal?.aborted) onSignal();
  options.signal?.addEventListener('abort', onSignal, { once: true });

  let setupData: unknown;
  try {
    setupData = await runLifecycle(mainVu, 'setup', undefined, resolved.setupTimeoutMs);
  } catch (error) {
    options.signal?.removeEventListener('abort', onSignal);
    await Promise.all([group?.terminate(), agent.close(), main.close(), outputs.close()]);
    throw error;
  }
  const setupJson = setupData === undefined ? '' : JSON.stringify(setupData);

  testStartEpochMs = nowEpochMs();
  const totalMs = Math.max(...resolved.scenarios.map((s) => s.startTimeMs + scenarioDurationMs(s)));
  const showProgress = options.progress && !options.quiet && process.stderr.isTTY;
  const counters = () =>
    group
      ? { vus: group.counters().vusActive, vusMax: group.counters().vusInitialized }
      : { vus: main.host.counters.vusActive, vusMax: main.pool.initialized };
  const monitor = new RunMonitor({
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
  });
  monitor.start();
  const interrupted = group
    ? await group.run(testStartEpochMs, setupJson)
    : (await main.run(testStartEpochMs, setupJson, stop.signal)).interrupted;
  const testRunDurationMs = nowEpochMs() - testStartEpochMs;
  options.signal?.removeEventListener('abort', onSignal);

  let teardownFailed = false;
  try {
    await runLifecycle(mainVu, 'teardown', setupData, resolved.teardownTimeoutMs);
  } catch (error) {
    teardownFailed = true;
    logger.log('error', (error as Error).message);
  }
  monitor.stop();
  logger.flush();
  const thresholdResults = options.noThresholds
    ? []
    : evaluateThresholds(resolved.thresholds, registry, testRunDurationMs);
  const summaryData = buildSummaryData({
    registry,
    thresholds: thresholdResults,
    rootGroup: checks.toGroupNode(),
    options: {
      summaryTrendStats: resolved.summaryTrendStats,
      summaryTimeUnit: resolved.summaryTimeUnit,
      noColor: !!options.noColor,
    },
    testRunDurationMs,
    setupData,
    isStdOutTTY: !!process.stdout.isTTY,
    isStdErrTTY: !!process.stderr.isTTY,
  });
  const eventLoopDelayP99Ms = Math.max(
    monitor.eventLoopDelayP99Ms(),
    group?.counters().eventLoopDelayP99Ms ?? 0,
  );
  const warnings = collectRunWarnings({
    registry,
    sleepUsed,
    syncHttpUsed,
    eventLoopDelayP99Ms,
    interruptedIterations: interrupted,
    testRunDurationMs,
  });
  for (const warning of warnings) logger.log('warn', warning);
  await writeSummary(mainVu, summaryData, {
    stdout,
    stderr,
    log: logger.log,
    summaryExportPath: options.summaryExportPath,
    handleSummaryTimeoutMs: resolved.handleSummaryTimeoutMs,
    colors: !options.noColor && !!process.stdout.isTTY && !options.stdout,
    warnings,
  });
  await Promise.all([group?.terminate(), agent.close(), main.close(), outputs.close()]);
  const thresholdsFailed = thresholdResults.some((r) => !r.ok);
  if (thresholdsFailed && stopCode !== undefined && stopCode !== ExitCode.thresholdsFailed)
    logger.log('error', 'some thresholds have failed');
  const exitCode =
    stopCode ??
    (teardownFailed ? ExitCode.scriptError : thresholdsFailed ? ExitCode.thresholdsFailed : ExitCode.ok);
  return { exitCode, summaryData, durationMs: testRunDurationMs };
}
