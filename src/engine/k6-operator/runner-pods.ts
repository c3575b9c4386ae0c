// The runner pods k6-operator made for a TestRun (labels `k6_cr=<name>`, `runner=true`), read with
// kubectl: which runner each is (its Job `<name>-<n>`), whether its k6 container is waiting (and why:
// an image that cannot be pulled), running or done, and with which exit code — 0 and 99 (its share of
// the load crossed a threshold, which the harness judges on the whole load instead) are a runner that
// did its work; anything else is a failed runner. Runs in: Node.
import { EngineError } from '../../errors.ts';
import type { Kubectl } from '../../chaos/providers/chaos-mesh/kubectl.ts';

/** The container k6-operator runs k6 in. */
export const RUNNER_CONTAINER = 'k6';

export interface RunnerPod {
  readonly name: string;
  /** The runner's number, from its Job name `<testrun>-<n>`; undefined when the label is missing. */
  readonly instance: number | undefined;
  readonly phase: string;
  /** The k6 container has started (its logs can be read). */
  readonly started: boolean;
  /** Set once the k6 container has ended. */
  readonly exitCode: number | undefined;
  /** Why it ended (OOMKilled, Error, Completed) or why it waits (ErrImagePull, …). */
  readonly reason: string | undefined;
}

interface PodJson {
  metadata?: { name?: string; labels?: Record<string, string> };
  status?: {
    phase?: string;
    containerStatuses?: {
      name?: string;
      state?: {
        running?: object;
        waiting?: { reason?: string; message?: string };
        terminated?: { exitCode?: number; reason?: string; message?: string };
      };
    }[];
  };
}

export function parseRunnerPods(json: string): RunnerPod[] {
  const doc = JSON.parse(json) as { items?: PodJson[] };
  return (doc.items ?? []).map((pod) => {
    // The Job controller labels each pod with its Job's name, `<testrun>-<n>`.
    const index = Number(/-(\d+)$/.exec(pod.metadata?.labels?.['job-name'] ?? '')?.[1] ?? Number.NaN);
    const status = pod.status?.containerStatuses?.find((c) => c.name === RUNNER_CONTAINER);
    const terminated = status?.state?.terminated;
    const waiting = status?.state?.waiting;
    return {
      name: pod.metadata?.name ?? '',
      instance: Number.isInteger(index) ? index : undefined,
      phase: pod.status?.phase ?? 'Unknown',
      started: Boolean(status?.state?.running || terminated),
      exitCode: terminated?.exitCode,
      reason: terminated?.reason ?? waiting?.reason,
    };
  });
}

export async function listRunnerPods(
  kubectl: Kubectl,
  namespace: string,
  testRun: string,
): Promise<RunnerPod[]> {
  const result = await kubectl.run([
    'get',
    'pods',
    '-n',
    namespace,
    '-l',
    `k6_cr=${testRun},runner=true`,
    '-o',
    'json',
  ]);
  if (!result.ok)
    throw new EngineError(`cannot list the runner pods of ${testRun}: ${result.stderr.trim().slice(0, 300)}`);
  return parseRunnerPods(result.stdout);
}

/** A runner whose k6 ended in a way that is not "ran its share" (0 or 99), as one line; else undefined. */
export function runnerFailure(pod: RunnerPod): string | undefined {
  if (pod.exitCode === undefined || pod.exitCode === 0 || pod.exitCode === 99) return undefined;
  return `runner ${pod.instance ?? '?'} (pod ${pod.name}) exited ${pod.exitCode}${pod.reason ? ` (${pod.reason})` : ''}`;
}
