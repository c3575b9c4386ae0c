// The run lifecycle, in order (one module per phase in ./phases, table in docs/architecture.md):
// 1 validate → 2 clean leftovers → 3 build → 4 start target → 5 run engine, with 6 the chaos
// timeline beside it → 7 collect → 8 verdict → 9 write. Whatever a phase starts pushes its disposer
// onto one cleanup stack, unwound in `finally` on success, error and interrupt; the exit code comes
// from the verdict. Runs in: Node (called by scripts/load.ts and the gate).
import path from 'node:path';
import type { RunConfig } from '../config.ts';
import { ConfigError, exitCodeOf, HarnessError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import type { InterruptHandle } from '../entry/interrupts.ts';
import { compactRunSeries } from '../results/compact-run-series.ts';
import type { Verdict } from '../results/types.ts';
import { nominalDurationMs } from '../vu/options.ts';
import { PROFILES } from '../vu/profiles.ts';
import { CleanupStack } from './cleanup-stack.ts';
import { registerLiveRun } from './live-runs.ts';
import { validateRun } from './phases/1-validate.ts';
import { cleanCrashLeftovers } from './phases/2-clean-leftovers.ts';
import { buildBundle } from './phases/3-build.ts';
import { type RunTarget, startRunTarget } from './phases/4-start-target.ts';
import { runEngine } from './phases/5-run-engine.ts';
import { collectRunResources, finishChaos } from './phases/7-collect.ts';
import { collectSecurityFacts } from '../results/security/collect-security.ts';
import { judgeRunFolder } from './phases/8-verdict.ts';
import { writeRunOutcome } from './phases/9-write.ts';
import { markRunAbandonedSync, type RunRecord, writeRunRecord } from './run-record.ts';

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
  /** False when validation stopped the run: nothing started, no run folder. */
  readonly started: boolean;
  /** The run's verdict; undefined when it stopped before load (bad input) or could not be judged. */
  readonly verdict?: Verdict;
}

export async function runLoad(config: RunConfig, io: RunIo): Promise<LoadOutcome> {
  const record: RunRecord = {
    runId: config.runId,
    profile: config.profile,
    status: 'running',
    target: config.targetUrl ?? 'embedded',
    loadScale: config.loadScale,
    vuScale: config.vuScale,
    chaos: config.chaosFiles.map((file) => path.relative(process.cwd(), file)),
    startedAt: new Date().toISOString(),
    ...(config.canary ? { canary: config.canary } : {}),
  };
  let plan: Awaited<ReturnType<typeof validateRun>>;
  try {
    plan = await validateRun(config, io.pathEnv, io.log);
  } catch (error) {
    // Nothing was started and no run folder was written: bad input is reported and that is all.
    if (!(error instanceof HarnessError)) io.log(`internal error: ${(error as Error)?.stack ?? error}`);
    Object.assign(record, { status: 'failed', error: (error as Error).message, exitCode: exitCodeOf(error) });
    return { exitCode: exitCodeOf(error), resultsDir: config.resultsDir, record, started: false };
  }

  // From here the run folder exists. Its record and live-run file come first, so a crash at any
  // later point is found (and marked `crashed`) by the next run or chaos:clean.
  Object.assign(record, { engine: plan.engine.name, engineReason: plan.engine.reason });
  await writeRunRecord(config.resultsDir, record);
  const liveRun = await registerLiveRun(config.resultsRoot, config.runId, config.resultsDir);
  const lastWords = () =>
    markRunAbandonedSync(
      config.resultsDir,
      config.resultsRoot,
      record,
      io.interrupt.interruptedBy() ? 'interrupted' : 'crashed',
    );
  process.on('exit', lastWords);
  const cleanup = new CleanupStack();
  const { signal } = io.interrupt;
  let exitCode: number = ExitCode.internal;
  let engineExitCode: number | null = null;
  // Outlives the try: the collect phase asks Prometheus for this stand-in's own scrape after cleanup.
  let target: RunTarget | undefined;
  try {
    await cleanCrashLeftovers(config, io.log);
    const bundlePath = await buildBundle(config.profile);
    io.log(
      `run ${config.runId}: ${config.profile} on ${plan.engine.name} (${plan.engine.reason}); scale ${config.loadScale}, VU scale ${config.vuScale}`,
    );
    target = await startRunTarget(config, cleanup, liveRun, io.log);
    const runMs = nominalDurationMs(PROFILES[config.profile], config);
    const loadStartedAtMs = Date.now();
    record.loadStartedAt = new Date(loadStartedAtMs).toISOString();
    io.onLoadStart?.(loadStartedAtMs);
    await plan.chaos.start({
      runMs,
      cleanup,
      signal,
      ...(target.adminUrl ? { adminUrl: target.adminUrl } : {}),
    });
    const result = await runEngine(plan, bundlePath, target.baseUrl, liveRun, signal, target.security);
    engineExitCode = result.exitCode;
    exitCode = io.interrupt.interruptedBy() ? ExitCode.interrupted : result.exitCode;
    await finishChaos(plan.chaos, io.log);
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
  await collectRunResources(config, record, io.log, target?.adminUrl);
  await collectSecurityFacts(config, io.log);
  await compactRunSeries(config.resultsDir, io.log);
  const judgement = await judgeRunFolder(config, record, exitCode, engineExitCode, io.log);
  record.exitCode = judgement.exitCode;
  await writeRunOutcome(config, record, judgement.verdict, liveRun);
  process.off('exit', lastWords);
  return { resultsDir: config.resultsDir, record, started: true, ...judgement };
}
