// The k6-operator engine: the run's bundle in a ConfigMap, the target's settings in a Secret, and a
// TestRun (k6.io/v1alpha1) that runs the scenario on `--parallelism` runner pods of the harness image.
// Prepared in phase 1 (names, the bundle built and manifests checked by our own validation, the cluster
// preflight; the ConfigMap holds that build, the same file phase 3 writes again), it then
// records the three objects in its ledger, applies them, follows the TestRun through its stages while
// reading each runner's log, merges the runners' aggregates and series into the run folder as one k6
// run would have left them (thresholds judged once on the whole load), and deletes everything it
// created — on success, on error and on Ctrl-C (then with the results the runners had reported so far).
// Runs in: Node.
import path from 'node:path';
import {
  targetToLedger,
  SERVICE_ACCOUNT_NAMESPACE_FILE,
} from '../../chaos/providers/chaos-mesh/kube-target.ts';
import { isNotFound, type KubectlOptions } from '../../chaos/providers/chaos-mesh/kubectl.ts';
import type { RunConfig } from '../../config.ts';
import { ConfigError, EngineError } from '../../errors.ts';
import { ExitCode } from '../../exit-codes.ts';
import { nominalDurationMs } from '../../vu/options.ts';
import { PROFILES } from '../../vu/profiles.ts';
import type { Engine, EngineRequest, EngineResult } from '../types.ts';
import { RunnerCollector } from './collect-runners.ts';
import { deleteRunObjects } from './delete-run-objects.ts';
import {
  followStages,
  parseTestRunState,
  type Stage,
  type StageTimeouts,
  stageTimeouts,
} from './follow-stages.ts';
import { OperatorKubectl } from './operator-kubectl.ts';
import { openOperatorLedger } from './operator-ledger.ts';
import type { OperatorRunPlan } from './operator-plan.ts';
import { preflightOperator, TESTRUN_RESOURCE } from './preflight.ts';
import { plannedObjects, runObjects } from './run-objects.ts';
import { describeStuck, exitCodeOfRunners } from './run-outcome.ts';
import { writeMergedResults } from './write-merged-results.ts';

export interface OperatorEngineOptions {
  /** Bundles the profile's scenario; returns the bundle's path (phase 3's buildBundle). */
  readonly buildBundle: (profile: string) => Promise<string>;
  readonly log: (line: string) => void;
  /** kubectl binary and environment (tests put a recording fake first on PATH). */
  readonly kubectl?: KubectlOptions;
  readonly serviceAccountNamespaceFile?: string;
  /** How often the TestRun is read, ms (default 2000). */
  readonly pollMs?: number;
  readonly timeouts?: StageTimeouts;
  /** After `finished`, how long the runners' logs may take to reach their final report, ms (default 60 s). */
  readonly finishGraceMs?: number;
  /** Wait before following a runner's log again, ms. */
  readonly retryMs?: number;
}

/** Phase 1: plan, validate and preflight; nothing is applied. */
export async function prepareK6OperatorEngine(
  config: RunConfig,
  options: OperatorEngineOptions,
): Promise<Engine> {
  const { plan, bundle, objects } = await plannedObjects(config, options.buildBundle, { redact: true });
  const kubectl = new OperatorKubectl(options.kubectl);
  const problems = await preflightOperator(
    kubectl,
    objects,
    { allowProduction: config.allowProductionContext },
    {
      env: options.kubectl?.env ?? process.env,
      namespaceFile: options.serviceAccountNamespaceFile ?? SERVICE_ACCOUNT_NAMESPACE_FILE,
    },
  );
  if (problems.length > 0) throw new ConfigError('k6-operator preflight failed:', problems);
  return new K6OperatorEngine(config, plan, bundle, kubectl, options);
}

class K6OperatorEngine implements Engine {
  readonly name = 'k6-operator' as const;
  readonly reason: string;
  private readonly config: RunConfig;
  private readonly plan: OperatorRunPlan;
  private readonly bundle: string;
  private readonly kubectl: OperatorKubectl;
  private readonly options: OperatorEngineOptions;

  constructor(
    config: RunConfig,
    plan: OperatorRunPlan,
    bundle: string,
    kubectl: OperatorKubectl,
    options: OperatorEngineOptions,
  ) {
    this.config = config;
    this.plan = plan;
    this.bundle = bundle;
    this.kubectl = kubectl;
    this.options = options;
    this.reason = `--engine k6-operator: TestRun ${plan.namespace}/${plan.name} on ${plan.parallelism} runner pod(s) of ${plan.runnerImage}`;
  }

  async run(request: EngineRequest): Promise<EngineResult> {
    const started = performance.now();
    const { plan, kubectl } = this;
    const log = this.options.log;
    const result = (exitCode: number): EngineResult => ({
      engine: this.name,
      exitCode,
      durationMs: performance.now() - started,
    });
    if (request.signal.aborted) return result(ExitCode.interrupted);
    const ledger = openOperatorLedger(this.config.resultsRoot, log);
    // On disk before anything is applied: if this process dies from here on, the next run deletes it.
    await ledger.add({
      id: plan.name,
      runId: plan.runId,
      kind: 'k6-operator-run',
      name: plan.name,
      namespace: plan.namespace,
      kubeTarget: targetToLedger(kubectl.target!),
    });
    const deleteAll = async () => {
      try {
        await deleteRunObjects(kubectl, plan.namespace, plan.name);
        await ledger.remove(plan.name);
        log(`k6-operator: deleted TestRun, ConfigMap and Secret ${plan.namespace}/${plan.name}`);
      } catch (error) {
        // Left in the ledger: the next run (or npm run chaos:clean) deletes them.
        log(`k6-operator: ${(error as Error).message}; the next run or npm run chaos:clean deletes them`);
        throw error;
      }
    };
    let outcome: EngineResult;
    try {
      outcome = await this.applyAndFollow(request, result);
    } catch (error) {
      // A failure of the run itself keeps its own message; a failed deletion is logged above.
      await deleteAll().catch(() => undefined);
      throw error;
    }
    // An otherwise clean run fails here when what it created could not be deleted.
    await deleteAll();
    return outcome;
  }

  private async applyAndFollow(
    request: EngineRequest,
    result: (exitCode: number) => EngineResult,
  ): Promise<EngineResult> {
    const { plan, kubectl } = this;
    const log = this.options.log;
    const applied = await kubectl.run(['apply', '--validate=strict', '-o', 'name', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: runObjects(plan, this.bundle, { redact: false }),
      }),
    });
    if (!applied.ok)
      throw new EngineError(
        `kubectl apply of the k6-operator run failed: ${applied.stderr.trim().slice(0, 500)}`,
      );
    log(
      `k6-operator: applied TestRun ${plan.namespace}/${plan.name} (${plan.parallelism} runner(s), image ${plan.runnerImage})`,
    );
    const collector = new RunnerCollector({
      kubectl,
      namespace: plan.namespace,
      testRun: plan.name,
      seriesDir: path.join(request.resultsDir, 'runner-series'),
      log,
      ...(this.options.retryMs !== undefined ? { retryMs: this.options.retryMs } : {}),
    });
    const runMs = nominalDurationMs(PROFILES[this.config.profile], this.config);
    const stages = await followStages({
      read: () => this.readTestRun(),
      timeouts: this.options.timeouts ?? stageTimeouts(runMs),
      pollMs: this.options.pollMs ?? 2000,
      signal: request.signal,
      onStage: (stage) => log(`k6-operator: TestRun ${plan.name} is ${stage ?? 'waiting for the operator'}`),
      onPoll: (stage) => (runnersMayExist(stage) ? collector.discover() : undefined),
    });
    const interrupted = stages.kind === 'interrupted' || request.signal.aborted;
    if (interrupted) log('k6-operator: interrupted; reading what the runners reported so far');
    const runners = await collector.finish(
      stages.kind === 'finished' ? (this.options.finishGraceMs ?? 60_000) : 0,
    );
    const merged = await writeMergedResults({
      runners,
      profile: this.config.profile,
      scales: this.config,
      env: request.env,
      resultsDir: request.resultsDir,
      timeSeriesPath: request.timeSeriesPath,
      printSummary: !request.quiet,
    });
    log(`k6-operator: results of ${merged.reported} of ${plan.parallelism} runner(s) merged`);
    if (interrupted) return result(ExitCode.interrupted);
    if (stages.kind !== 'finished')
      throw new EngineError(describeStuck(stages, this.plan, collector.listedPods()));
    return result(exitCodeOfRunners({ runners, parallelism: plan.parallelism, ...merged }));
  }

  private async readTestRun() {
    const r = await this.kubectl.run([
      'get',
      `${TESTRUN_RESOURCE}/${this.plan.name}`,
      '-n',
      this.plan.namespace,
      '-o',
      'json',
    ]);
    if (r.ok) return parseTestRunState(r.stdout);
    if (isNotFound(r)) return undefined;
    throw new Error(r.stderr.trim().slice(0, 300) || `kubectl exit ${r.exitCode}`);
  }
}

function runnersMayExist(stage: Stage | undefined): boolean {
  return stage === 'created' || stage === 'started' || stage === 'stopped' || stage === 'finished';
}
