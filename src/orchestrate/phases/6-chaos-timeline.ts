// Validation and the chaos timeline of a load run: the run's manifests are checked before anything
// starts (also against what the chosen provider can carry out, and the chaos-mesh preflight); while
// load runs each experiment is applied (ledger first) at its planned moment, recovered and verified
// at the end (or on error/interrupt via the cleanup stack), and results/<runId>/chaos.json says what
// was done, when (the results layer reads it against the time series). Leftovers of crashed runs
// are cleaned in phase 2 (2-clean-leftovers.ts), not here. Phase 6 of the lifecycle. Runs in: Node.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type AppliedChaos,
  applyExperiment,
  type ChaosProvider,
  createChaosMeshProvider,
  createLocalProvider,
  type Experiment,
  formatProblem,
  INJECT_TIMEOUT_MS,
  type Ledger,
  type LocalProvider,
  loadExperiments,
  openLedger,
  type RecoveryReport,
  VERIFY_TIMEOUT_MS,
} from '../../chaos/index.ts';
import type { RunConfig } from '../../config.ts';
import { ChaosError, ConfigError } from '../../errors.ts';
import type { CleanupStack } from '../cleanup-stack.ts';

export interface ChaosStart {
  readonly runMs: number;
  readonly cleanup: CleanupStack;
  readonly signal: AbortSignal;
  /** The embedded target's admin API (phase 4), which the local provider acts on. */
  readonly adminUrl?: string;
}

export interface ChaosPlan {
  /** Preflight (local), then arm the timer that injects every experiment at chaosAt × runMs. */
  start(options: ChaosStart): Promise<void>;
  /** Recover, verify and write chaos.json; throws ChaosError when injection or recovery failed. */
  finish(): Promise<void>;
}

const NO_CHAOS: ChaosPlan = { async start() {}, async finish() {} };

/** Everything checked before the run starts anything (ConfigError, exit 104); applies and cleans nothing. */
export async function prepareChaos(config: RunConfig, log: (line: string) => void): Promise<ChaosPlan> {
  if (config.chaosFiles.length === 0) return NO_CHAOS;
  const loaded = await loadExperiments(config.chaosFiles);
  for (const warning of loaded.warnings) log(`warning: ${formatProblem(warning)}`);
  if (loaded.problems.length > 0)
    throw new ConfigError('invalid chaos manifests:', loaded.problems.map(formatProblem));
  const provider =
    config.chaosProvider === 'chaos-mesh'
      ? createChaosMeshProvider({ allowProduction: config.allowProductionContext })
      : createLocalProvider();
  const unsupported = provider.validate(loaded.experiments);
  if (unsupported.length > 0)
    throw new ConfigError(`chaos the ${provider.name} provider cannot carry out:`, unsupported);
  // The local provider's live checks need the embedded target: they run in start().
  if (provider.name === 'chaos-mesh') {
    const problems = await provider.preflight(loaded.experiments);
    if (problems.length > 0) throw new ConfigError('chaos-mesh preflight failed:', problems);
  }
  return new ChaosTimeline(config, loaded.experiments, log, provider);
}

class ChaosTimeline implements ChaosPlan {
  private readonly applied: { chaos: AppliedChaos; verification?: Promise<RecoveryReport> }[] = [];
  private readonly failures: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();
  private recovering: Promise<void> | undefined;
  private readonly config: RunConfig;
  private readonly experiments: readonly Experiment[];
  private readonly log: (line: string) => void;
  private readonly provider: ChaosProvider;

  constructor(
    config: RunConfig,
    experiments: readonly Experiment[],
    log: (line: string) => void,
    provider: ChaosProvider,
  ) {
    this.config = config;
    this.experiments = experiments;
    this.log = log;
    this.provider = provider;
  }

  async start({ runMs, cleanup, signal, adminUrl }: ChaosStart): Promise<void> {
    const { provider } = this;
    if (provider.name === 'local') {
      if (!adminUrl) throw new ChaosError('the local chaos provider needs the embedded target');
      (provider as LocalProvider).attachTarget(adminUrl);
    }
    if (provider.name === 'local') {
      const problems = await provider.preflight(this.experiments);
      if (problems.length > 0) throw new ConfigError('chaos preflight failed:', problems);
    }
    const ledger = await openLedger(this.config.resultsRoot, this.log);
    const delayMs = Math.round(runMs * this.config.chaosAt);
    this.log(`chaos: ${this.experiments.length} experiment(s) armed for +${(delayMs / 1000).toFixed(1)} s`);
    // On errors and interrupts the cleanup stack recovers chaos and still writes chaos.json.
    cleanup.push('recover chaos', async () => {
      try {
        await this.recoverAll();
      } finally {
        await this.writeChaosJson();
      }
    });
    this.timer = setTimeout(() => {
      this.pending = this.injectAll(provider, ledger, signal);
    }, delayMs);
  }

  private async injectAll(provider: ChaosProvider, ledger: Ledger, signal: AbortSignal): Promise<void> {
    for (const experiment of this.experiments) {
      if (signal.aborted) return;
      try {
        const applied = await applyExperiment(provider, ledger, experiment, {
          runId: this.config.runId,
          timeScale: this.config.loadScale,
        });
        const entry: (typeof this.applied)[number] = { chaos: applied };
        this.applied.push(entry);
        this.log(`chaos: applied ${provider.describe(experiment)}`);
        await applied.verifyInjected(INJECT_TIMEOUT_MS);
        const selected = applied.record().selected.join(', ') || '(armed)';
        this.log(`chaos: ${experiment.kind}/${experiment.metadata.name} injected on ${selected}`);
        // One-shot and timed faults end by themselves: watch for recovery now, so the recovery time is
        // when targets were ready again, not when the run ended. Schedules keep firing until recover().
        if (experiment.kind !== 'Schedule') {
          const faultMs = applied.record().duration?.appliedMs ?? 0;
          entry.verification = applied.verifyRecovered(faultMs + VERIFY_TIMEOUT_MS);
          entry.verification.then(
            (report) =>
              report.recovered &&
              this.log(`chaos: ${experiment.metadata.name} recovered in ${report.recoveryMs} ms`),
            () => undefined,
          );
        }
      } catch (error) {
        this.failures.push(`${experiment.metadata.name}: ${(error as Error).message}`);
        this.log(`chaos: ${experiment.metadata.name} failed: ${(error as Error).message}`);
      }
    }
  }

  /** Idempotent: stop the timer, recover everything applied and wait until targets are ready. */
  private recoverAll(): Promise<void> {
    this.recovering ??= this.recoverEverything();
    return this.recovering;
  }

  private async recoverEverything(): Promise<void> {
    clearTimeout(this.timer);
    await this.pending;
    // One failing recovery must not stop the others: each is tried, failures are collected.
    for (const entry of this.applied) {
      try {
        // recover() ends a fault that outlives the run (idempotent); the watch started at injection
        // then completes, or a fresh verification runs for Schedules.
        await entry.chaos.recover();
        const report = await (entry.verification ?? entry.chaos.verifyRecovered(VERIFY_TIMEOUT_MS));
        if (!report.recovered)
          this.failures.push(`${entry.chaos.id}: not recovered (${report.notReady.join(', ')})`);
      } catch (error) {
        this.failures.push(`${entry.chaos.id}: recovery failed: ${(error as Error).message}`);
      }
    }
    const applied = new Set(this.applied.map((entry) => entry.chaos.experiment));
    for (const experiment of this.experiments) {
      if (
        !applied.has(experiment) &&
        !this.failures.some((f) => f.startsWith(`${experiment.metadata.name}:`))
      ) {
        this.failures.push(
          `${experiment.metadata.name}: never injected (the run ended before its planned moment; lower --chaos-at)`,
        );
      }
    }
  }

  async finish(): Promise<void> {
    try {
      await this.recoverAll();
    } finally {
      await this.writeChaosJson();
    }
    if (this.failures.length > 0)
      throw new ChaosError(`chaos did not go as planned:\n  ${this.failures.join('\n  ')}`);
  }

  private async writeChaosJson(): Promise<void> {
    const experiments = this.applied.map(({ chaos }) => chaos.record());
    await writeFile(
      path.join(this.config.resultsDir, 'chaos.json'),
      `${JSON.stringify({ experiments, failures: this.failures }, null, 2)}\n`,
    );
  }
}
