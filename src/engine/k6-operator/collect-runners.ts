// Reads every runner pod's log while the TestRun goes on: a `kubectl logs -f` per runner from the
// moment its k6 container has started, restarted from the top when it breaks off while the pod still
// runs (records already seen are skipped), so the per-second series is complete. At the end each
// follow is given time to reach the pod's last line; a runner whose final report did not come that
// way — and every runner when the run was interrupted — has its log read once more in full. Runs in:
// Node.
import { setTimeout as sleep } from 'node:timers/promises';
import type { OperatorKubectl } from './operator-kubectl.ts';
import { listRunnerPods, RUNNER_CONTAINER, type RunnerPod } from './runner-pods.ts';
import { RunnerResults } from './runner-results.ts';

export interface CollectOptions {
  readonly kubectl: OperatorKubectl;
  readonly namespace: string;
  readonly testRun: string;
  /** Where the runners' series chunks are kept until they are merged. */
  readonly seriesDir: string;
  readonly log: (line: string) => void;
  /** Wait before following a log again after it broke off, ms. */
  readonly retryMs?: number;
}

export interface CollectedRunner {
  readonly results: RunnerResults;
  /** The pod as last listed (exit code, reason); undefined when it was never seen again. */
  readonly pod: RunnerPod | undefined;
}

export class RunnerCollector {
  private readonly options: CollectOptions;
  private readonly runners = new Map<string, { results: RunnerResults; follow?: Promise<void> }>();
  private pods = new Map<string, RunnerPod>();
  private readonly stopFollowing = new AbortController();

  constructor(options: CollectOptions) {
    this.options = options;
  }

  /** List the runner pods; start following every one whose k6 has started. Never throws. */
  async discover(): Promise<void> {
    const { kubectl, namespace, testRun } = this.options;
    let listed: RunnerPod[];
    try {
      listed = await listRunnerPods(kubectl, namespace, testRun);
    } catch (error) {
      this.options.log(`k6-operator: ${(error as Error).message}`);
      return;
    }
    for (const pod of listed) {
      this.pods.set(pod.name, pod);
      let runner = this.runners.get(pod.name);
      if (!runner) {
        runner = { results: new RunnerResults(pod.name, pod.instance, this.options.seriesDir) };
        this.runners.set(pod.name, runner);
      }
      if (!runner.follow && pod.started && !this.stopFollowing.signal.aborted)
        runner.follow = this.follow(runner.results);
    }
  }

  /** The pods as last listed. */
  listedPods(): RunnerPod[] {
    return [...this.pods.values()];
  }

  private async follow(results: RunnerResults): Promise<void> {
    const { kubectl, namespace } = this.options;
    const signal = this.stopFollowing.signal;
    while (!signal.aborted && !results.latest?.final) {
      const ended = await kubectl.stream(
        ['logs', '-f', results.pod, '-n', namespace, '-c', RUNNER_CONTAINER],
        (line) => results.push(line),
        signal,
      );
      if (signal.aborted || results.latest?.final) return;
      // The follow ended without the final report: the pod is gone or done (read it in full at the
      // end), or the API connection dropped (follow again).
      await this.discover();
      if (this.pods.get(results.pod)?.exitCode !== undefined) return;
      if (ended.exitCode !== 0)
        this.options.log(
          `k6-operator: following ${results.pod} broke off (${ended.stderr.trim().slice(0, 200) || `exit ${ended.exitCode}`}); following again`,
        );
      await sleep(this.options.retryMs ?? 2000, undefined, { signal }).catch(() => undefined);
    }
  }

  /**
   * Stop following — after up to `graceMs` for the follows to reach each pod's end — and read in full
   * the log of every runner that has not given its final report. Returns every runner seen.
   */
  async finish(graceMs: number): Promise<CollectedRunner[]> {
    await this.discover();
    const follows = [...this.runners.values()].flatMap((r) => (r.follow ? [r.follow] : []));
    if (graceMs > 0 && follows.length > 0) {
      // The grace timer is cancelled as soon as every follow is over, so it never holds the process.
      const grace = new AbortController();
      await Promise.race([
        Promise.all(follows),
        sleep(graceMs, undefined, { signal: grace.signal }).catch(() => undefined),
      ]);
      grace.abort();
    }
    this.stopFollowing.abort();
    await Promise.all(follows);
    const { kubectl, namespace } = this.options;
    const unfinished = [...this.runners.values()]
      .map((r) => r.results)
      .filter((results) => !results.latest?.final && this.pods.get(results.pod)?.started);
    // All at once: after a Ctrl-C every runner is read this way, and the run waits for the slowest.
    await Promise.all(
      unfinished.map(async (results) => {
        const full = await kubectl.run(['logs', results.pod, '-n', namespace, '-c', RUNNER_CONTAINER], {
          timeoutMs: 60_000,
        });
        if (full.ok) for (const line of full.stdout.split('\n')) results.push(line);
        else
          this.options.log(
            `k6-operator: cannot read the log of ${results.pod}: ${full.stderr.trim().slice(0, 200)}`,
          );
      }),
    );
    return [...this.runners.values()].map(({ results }) => ({ results, pod: this.pods.get(results.pod) }));
  }
}
