// The run lifecycle: validate → build → clean chaos leftovers → start target → start engine →
// chaos on its timeline → collect → verdict and reports → exit code (from the verdict, in one place). Every acquired thing is pushed onto one cleanup stack
// that runs on success, error and interrupt. Runs in: Node (called by scripts/load.ts).
import path from 'node:path';
import type { RunConfig } from '../config.ts';
import { selectEngine } from '../engine/select-engine.ts';
import { ChaosError, ConfigError, HarnessError, exitCodeOf } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import type { Verdict } from '../results/types.ts';
import { compactRunSeries } from '../results/compact-run-series.ts';
import { judgeRun } from '../results/write-run-results.ts';
import { startTarget } from '../target/index.ts';
import { nominalDurationMs } from '../vu/options.ts';
import { PROFILES } from '../vu/profiles.ts';
import { buildBundle } from './build-bundle.ts';
import { checkTargetReachable } from './check-target.ts';
import { prepareChaos } from './chaos-timeline.ts';
import { sampleTargetMemory } from './sample-target-memory.ts';
import { CleanupStack } from './cleanup-stack.ts';
import type { InterruptHandle } from './interrupt.ts';
import { appendHistory, writeRunRecord, type RunRecord } from './run-record.ts';

export interface RunIo {
  readonly log: (line: string) => void;
  readonly pathEnv: string | undefined;
  readonly interrupt: InterruptHandle;
  /** Called when load starts (Unix ms), so log lines can say how far into the run they are. */
  readonly onLoadStart?: (startedAtMs: number) => void;
}

export interface LoadOutcome {
  readonly exitCode: number;
  readonly resultsDir: string;
  readonly record: RunRecord;
  /** The run's verdict; undefined when it stopped before load (bad input) or could not be judged. */
  readonly verdict?: Verdict;
}

export async function runLoad(config: RunConfig, io: RunIo): Promise<LoadOutcome> {
  const cleanup = new CleanupStack();
  const scales = { loadScale: config.loadScale, vuScale: config.vuScale };
  const record: RunRecord = {
    runId: config.runId,
    profile: config.profile,
    status: 'running',
    target: config.targetUrl ?? 'embedded',
    ...scales,
    chaos: config.chaosFiles.map((file) => path.relative(process.cwd(), file)),
    startedAt: new Date().toISOString(),
  };
  let exitCode: number = ExitCode.internal;
  let engineExitCode: number | null = null;
  try {
    // Validate everything before anything starts.
    const engine = selectEngine(config.engine, config.k6Bin, io.pathEnv);
    const chaos = await prepareChaos(config, io.log);
    if (config.targetUrl) {
      const problem = await checkTargetReachable(config.targetUrl, config.apiHost ?? 'api.c4ang.com');
      if (problem) throw new ConfigError('target not reachable:', [problem]);
    }
    Object.assign(record, { engine: engine.name, engineReason: engine.reason });
    const bundlePath = await buildBundle(config.profile);
    await writeRunRecord(config.resultsDir, record);
    io.log(
      `run ${config.runId}: ${config.profile} on ${engine.name} (${engine.reason}); scale ${config.loadScale}, VU scale ${config.vuScale}`,
    );

    let baseUrl = config.targetUrl;
    if (!baseUrl) {
      io.log('starting the embedded C4ang stand-in (gateway + 6 services × 2 replicas)…');
      const target = await startTarget({ port: 0, adminPort: 0, slowdown: config.standinSlowdown });
      cleanup.push('stop embedded target', () => target.stop());
      baseUrl = target.baseUrl;
      chaos.attachTarget(target.adminUrl);
      // About 200 memory samples per replica over the run, never more often than every 2 s.
      const sampleEveryMs = Math.max(2000, nominalDurationMs(PROFILES[config.profile], scales) / 200);
      cleanup.push(
        'stop sampling target memory',
        sampleTargetMemory(config.resultsDir, target.replicas, sampleEveryMs),
      );
      io.log(`target ready at ${baseUrl} (admin ${target.adminUrl})`);
    }
    const runMs = nominalDurationMs(PROFILES[config.profile], scales);
    const loadStartedAtMs = Date.now();
    record.loadStartedAt = new Date(loadStartedAtMs).toISOString();
    io.onLoadStart?.(loadStartedAtMs);
    await chaos.start({ runMs, cleanup, signal: io.interrupt.signal });

    const env: Record<string, string> = {
      BASE_URL: baseUrl,
      LOAD_SCALE: String(config.loadScale),
      VU_SCALE: String(config.vuScale),
      RUN_ID: config.runId,
      RESULTS_DIR: config.resultsDir,
    };
    if (config.apiHost) env.API_HOST = config.apiHost;
    if (config.authToken) env.AUTH_TOKEN = config.authToken;
    if (config.seed !== undefined) env.SEED = String(config.seed);
    const result = await engine.run({
      bundlePath,
      env,
      resultsDir: config.resultsDir,
      timeSeriesPath: path.join(config.resultsDir, 'timeseries.ndjson'),
      signal: io.interrupt.signal,
      quiet: config.quiet,
      ...(config.workers ? { workers: config.workers } : {}),
    });
    engineExitCode = result.exitCode;
    exitCode = io.interrupt.interruptedBy() ? ExitCode.interrupted : result.exitCode;
    try {
      await chaos.finish();
    } catch (error) {
      // Chaos that did not go as planned is a finding of the run (chaos.json lists it and the
      // verdict fails its criterion), not a harness failure.
      if (!(error instanceof ChaosError)) throw error;
      io.log(error.message);
    }
  } catch (error) {
    exitCode =
      io.interrupt.interruptedBy() && !(error instanceof ConfigError)
        ? ExitCode.interrupted
        : exitCodeOf(error);
    record.error = error instanceof Error ? error.message : String(error);
    if (!(error instanceof HarnessError)) io.log(`internal error: ${(error as Error)?.stack ?? error}`);
  } finally {
    const failures = await cleanup.runAll();
    if (failures.length > 0) {
      record.cleanupFailures = failures.map((f) => `${f.label}: ${(f.error as Error)?.message ?? f.error}`);
      for (const line of record.cleanupFailures) io.log(`cleanup failed: ${line}`);
      if (exitCode === ExitCode.ok) exitCode = ExitCode.internal;
    }
  }
  record.status = io.interrupt.interruptedBy() ? 'interrupted' : record.error ? 'failed' : 'finished';
  record.finishedAt = new Date().toISOString();
  let verdict: Verdict | undefined;
  if (record.engine) {
    await compactRunSeries(config.resultsDir, io.log);
    try {
      verdict = await judgeRun(config.resultsDir, record, {
        strict: config.strict,
        errorExitCode: exitCode,
        engineExitCode,
        stepSummaryPath: config.stepSummaryPath,
      });
      exitCode =
        record.cleanupFailures && verdict.exitCode === ExitCode.ok ? ExitCode.internal : verdict.exitCode;
    } catch (error) {
      record.error ??= `could not judge the run: ${(error as Error).message}`;
      io.log(`internal error while judging the run: ${(error as Error)?.stack ?? error}`);
      exitCode = ExitCode.internal;
    }
  }
  record.exitCode = exitCode;
  if (record.engine) {
    await writeRunRecord(config.resultsDir, record);
    await appendHistory(config.resultsRoot, record, verdict);
  }
  return { exitCode, resultsDir: config.resultsDir, record, ...(verdict ? { verdict } : {}) };
}
