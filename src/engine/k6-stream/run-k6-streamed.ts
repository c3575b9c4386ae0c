// A long run on real k6 with bounded memory: k6 runs without its summary and thresholds (which keep
// every Trend sample) and writes its samples into a pipe; the harness aggregates them as they come
// (per-second series to timeseries.ndjson, whole-run sinks for thresholds and the summary), evaluates
// abortOnFail thresholds every 2 s as k6 would and stops k6 with SIGINT when one fails, then hands
// the bundle's handleSummary the summary computed from the stream. Exit codes are k6's: 99 when a
// threshold failed (or aborted the run), 105 interrupted, any other k6 code passed through.
// Runs in: Node (the k6 engine).
import { EngineError } from '../../errors.ts';
import { ExitCode } from '../../exit-codes.ts';
import { TimeSeriesWriter } from '../../results/timeseries-file.ts';
import type { ThresholdResult } from '../../runner/thresholds/evaluate-thresholds.ts';
import { spawnK6 } from '../spawn-k6.ts';
import type { EngineRequest, EngineResult } from '../types.ts';
import type { Aggregates } from './aggregates.ts';
import { openSamplesPipe } from './samples-pipe.ts';
import { loadScriptSummary, type ScriptSummary, writeScriptSummary } from './script-summary.ts';
import { createK6StreamAggregator, type K6StreamAggregator } from './stream-aggregator.ts';
import { evaluateThresholds, summaryFromAggregates } from './summary-from-aggregates.ts';
import { abortingThreshold, describeAbort, THRESHOLD_EVALUATION_MS } from './threshold-abort.ts';

export interface StreamedRunInput {
  readonly k6Path: string;
  /** `k6 run` arguments with `--out json=<samplesPath>` and the version's summary-off flags. */
  readonly args: (samplesPath: string) => string[];
  /** k6's process environment; with --include-system-env-vars it is also the script's __ENV. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly request: EngineRequest;
  /** Lines for the run log (stderr by default). */
  readonly log?: (line: string) => void;
}

interface StreamOutcome {
  readonly k6ExitCode: number;
  readonly abortedBy: ThresholdResult | undefined;
  readonly aggregates: Aggregates;
}

/** k6's __ENV when it runs with --include-system-env-vars: its whole environment. */
function scriptEnv(env: StreamedRunInput['env']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** Every 2 s: completed seconds written out and abortOnFail thresholds judged; `onAbort` fires at most once. */
function watchStream(
  aggregator: K6StreamAggregator,
  specs: ScriptSummary['thresholds'],
  onAbort: (result: ThresholdResult) => void,
): () => void {
  let fired = false;
  const timer = setInterval(() => {
    aggregator.flushSeconds();
    if (fired) return;
    const aborting = abortingThreshold(aggregator.aggregates, specs);
    if (aborting === undefined) return;
    fired = true;
    onAbort(aborting);
  }, THRESHOLD_EVALUATION_MS);
  return () => clearInterval(timer);
}

async function streamK6(
  input: StreamedRunInput,
  script: ScriptSummary,
  log: (line: string) => void,
): Promise<StreamOutcome> {
  const { request } = input;
  const writer = new TimeSeriesWriter(request.timeSeriesPath);
  const aggregator = createK6StreamAggregator({
    metrics: script.metrics,
    submetrics: script.thresholdKeys,
    onSeconds: (lines) => writer.writeSeconds(lines),
  });
  const pipe = await openSamplesPipe();
  let streamError: Error | undefined;
  let abortedBy: ThresholdResult | undefined;
  try {
    const child = spawnK6(input.k6Path, input.args(pipe.path), input.env, request);
    const stopK6 = () => void child.kill('SIGINT').catch(() => undefined);
    const consumed = aggregator.consumeStream(pipe.readable).catch((error: Error) => {
      streamError = error;
      stopK6();
    });
    const stopWatching = watchStream(aggregator, script.thresholds, (result) => {
      if (request.signal.aborted) return; // Ctrl-C already stops k6, and the run is 105
      abortedBy = result;
      log(`ERRO ${describeAbort(result)}`);
      stopK6();
    });
    request.signal.addEventListener('abort', stopK6, { once: true });
    if (request.signal.aborted) stopK6();
    let k6ExitCode: number;
    try {
      k6ExitCode = (await child).exitCode ?? ExitCode.internal;
    } finally {
      stopWatching();
      request.signal.removeEventListener('abort', stopK6);
      pipe.writerDone();
    }
    await consumed;
    aggregator.finish();
    if (streamError) throw new EngineError(`k6's samples could not be read: ${streamError.message}`);
    return { k6ExitCode, abortedBy, aggregates: aggregator.aggregates };
  } finally {
    await Promise.all([writer.close(), pipe.remove()]);
  }
}

/** The run's exit code, as k6 would have returned it had it kept its thresholds. */
function exitCodeOf(outcome: StreamOutcome, thresholdsFailed: boolean, interrupted: boolean): number {
  if (interrupted) return ExitCode.interrupted;
  const { k6ExitCode, abortedBy } = outcome;
  // k6's own failure (script error 107, test.abort() 108, bad flags) wins, as in k6 itself.
  if (k6ExitCode !== ExitCode.ok && k6ExitCode !== ExitCode.interrupted) return k6ExitCode;
  if (abortedBy !== undefined) return ExitCode.thresholdsFailed;
  if (k6ExitCode === ExitCode.interrupted) return ExitCode.interrupted;
  return thresholdsFailed ? ExitCode.thresholdsFailed : ExitCode.ok;
}

/** Thresholds judged on the whole stream, and the bundle's handleSummary fed with it; true when one failed. */
async function writeStreamedSummary(script: ScriptSummary, aggregates: Aggregates): Promise<boolean> {
  const testRunDurationMs = aggregates.spanMs;
  const thresholdResults = evaluateThresholds(aggregates, script.thresholds, { testRunDurationMs });
  const data = summaryFromAggregates(aggregates, {
    thresholdResults,
    summaryTrendStats: script.summaryTrendStats,
    ...(script.summaryTimeUnit !== undefined ? { summaryTimeUnit: script.summaryTimeUnit } : {}),
    testRunDurationMs,
    isStdOutTTY: !!process.stdout.isTTY,
    isStdErrTTY: !!process.stderr.isTTY,
  });
  await writeScriptSummary(script, data, { colors: !!process.stdout.isTTY });
  return thresholdResults.some((r) => !r.ok);
}

export async function runK6Streamed(input: StreamedRunInput): Promise<EngineResult> {
  const { request } = input;
  const log = input.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const started = performance.now();
  if (request.signal.aborted) return { engine: 'k6', exitCode: ExitCode.interrupted, durationMs: 0 };
  const script = await loadScriptSummary(request.bundlePath, scriptEnv(input.env));
  if (request.signal.aborted) return { engine: 'k6', exitCode: ExitCode.interrupted, durationMs: 0 };
  const outcome = await streamK6(input, script, log);
  // A k6 that stopped before the test started (a script error at load) leaves nothing to summarise,
  // as k6 itself writes no summary then.
  const ran = outcome.aggregates.samples > 0 || outcome.k6ExitCode === ExitCode.ok;
  const thresholdsFailed = ran ? await writeStreamedSummary(script, outcome.aggregates) : false;
  if (thresholdsFailed && !outcome.abortedBy) log('ERRO thresholds on metrics have been crossed');
  return {
    engine: 'k6',
    exitCode: exitCodeOf(outcome, thresholdsFailed, request.signal.aborted),
    durationMs: performance.now() - started,
  };
}
