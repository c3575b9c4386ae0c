// How a k6-operator run ended, in the terms every engine uses: k6's exit code for what the runners
// did — 107 or 108 when a runner's script failed or aborted (k6's own codes), 99 or 0 from the
// thresholds judged on the merged load (a runner's own 99 judged only its share) — or an EngineError
// (exit 1) naming each runner that failed otherwise (OOMKilled, crashed, no results, never started),
// and, for a TestRun that stuck or failed, where it stuck, why its pods wait and where to look.
// Runs in: Node; pure.
import { EngineError } from '../../errors.ts';
import { ExitCode } from '../../exit-codes.ts';
import type { CollectedRunner } from './collect-runners.ts';
import type { Stage, StageOutcome } from './follow-stages.ts';
import { type RunnerPod, runnerFailure } from './runner-pods.ts';

export interface RunnersOutcome {
  readonly runners: readonly CollectedRunner[];
  readonly parallelism: number;
  /** Runners whose aggregates are in the summary. */
  readonly reported: number;
  readonly thresholdsFailed: boolean;
}

/** The engine's exit code for a TestRun that reached `finished`; throws EngineError for failed runners. */
export function exitCodeOfRunners({
  runners,
  parallelism,
  reported,
  thresholdsFailed,
}: RunnersOutcome): number {
  const pods = runners.flatMap((r) => (r.pod ? [r.pod] : []));
  for (const code of [ExitCode.scriptError, ExitCode.scriptAborted])
    if (pods.some((p) => p.exitCode === code)) return code;
  const failures = [
    ...pods.flatMap((p) => runnerFailure(p) ?? []),
    ...runners
      .filter((r) => !r.results.latest)
      .map((r) => `runner ${r.results.instance ?? '?'} (pod ${r.results.pod}) reported no results`),
  ];
  if (runners.length < parallelism)
    failures.push(`${parallelism - runners.length} runner pod(s) never appeared`);
  if (failures.length > 0)
    throw new EngineError(
      `k6-operator: ${failures.join('; ')} — the summary covers ${reported} of ${parallelism} runners (runners.json)`,
    );
  return thresholdsFailed ? ExitCode.thresholdsFailed : ExitCode.ok;
}

/** One message for a TestRun that ended at `error`, stuck at a stage, or went away. */
export function describeStuck(
  outcome: Exclude<StageOutcome, { kind: 'finished' | 'interrupted' }>,
  testRun: { name: string; namespace: string },
  pods: readonly RunnerPod[],
): string {
  const { name, namespace } = testRun;
  const waiting = pods
    .filter((p) => p.reason && p.exitCode === undefined)
    .map((p) => `${p.name}: ${p.reason}`);
  const hints: Partial<Record<Stage | 'none', string>> = {
    none: `is k6-operator installed and watching namespace ${namespace}?`,
    initialization: `the initializer checks the script with the runner image: kubectl -n ${namespace} logs job/${name}-initializer`,
    created: `runner pods not started${waiting.length ? ` (${waiting.join(', ')})` : ''}: kubectl -n ${namespace} describe pods -l k6_cr=${name}`,
  };
  const hint = outcome.kind === 'error' ? undefined : hints[outcome.stage ?? 'none'];
  const what = outcome.kind === 'timeout' ? outcome.message : `failed: ${outcome.message}`;
  return `k6-operator: TestRun ${namespace}/${name} ${what}${hint ? `; ${hint}` : ''}`;
}
