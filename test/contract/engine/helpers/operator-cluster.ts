// A k6-operator cluster as the recording fake kubectl (test/contract/chaos/helpers/bin/kubectl) plays
// it: a fixture folder written per test — the context, whether the TestRun CRD is served, how the API
// server takes the run's objects, the TestRun's stages poll by poll, the runner pods and each one's log
// (what `kubectl logs -f` streams, follow by follow, and the full log) — and the calls it recorded.
// The runner logs themselves come from synthetic-runner-log.ts. Node side; tests only.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { KubectlCall } from '../../chaos/helpers/fake-kubectl.ts';

export interface FakeRunnerPod {
  readonly name: string;
  readonly instance: number;
  /** `running`, a terminated container's exit code (and reason), or a waiting reason. */
  readonly state: 'running' | { exitCode: number; reason?: string } | { waiting: string };
  /** What each `kubectl logs -f` of this pod prints, follow by follow (the last repeats), and its exit code. */
  readonly follows?: readonly { lines: readonly string[]; exit?: number }[];
  /** What `kubectl logs` (no -f) prints. */
  readonly fullLog?: readonly string[];
}

export interface ClusterScript {
  readonly context?: string;
  readonly crdServed?: boolean;
  /** stderr of a rejected `apply --dry-run=server`. */
  readonly dryRunRejects?: string;
  /** stderr of a failed `apply`. */
  readonly applyFails?: string;
  /** status.stage poll by poll (undefined: not set yet; 'gone': NotFound); the last repeats. */
  readonly stages: readonly (string | undefined)[];
  readonly errorMessage?: string;
  /** The runner pods, as every `get pods` lists them. */
  readonly pods: readonly FakeRunnerPod[];
  /** stderr of a failing `delete`. */
  readonly deleteFails?: string;
}

export interface FakeCluster {
  readonly env: NodeJS.ProcessEnv;
  readonly dir: string;
  calls(): Promise<KubectlCall[]>;
}

interface Rule {
  match: string[];
  responses: { stdout?: string; stdoutFile?: string; stderr?: string; exit?: number }[];
}

export async function fakeCluster(script: ClusterScript): Promise<FakeCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-k6-operator-'));
  const log = join(dir, 'calls.ndjson');
  const file = async (name: string, text: string) => {
    await writeFile(join(dir, name), text);
    return name;
  };
  const rules: Rule[] = [
    { match: ['version --client'], responses: [{ stdout: '{"clientVersion":{"gitVersion":"v1.34.1"}}' }] },
    { match: ['config current-context'], responses: [{ stdout: `${script.context ?? 'kind-c4ang'}\n` }] },
    {
      match: ['get crd testruns.k6.io'],
      responses: [
        script.crdServed === false
          ? {
              stderr: 'Error from server (NotFound): customresourcedefinitions "testruns.k6.io" not found',
              exit: 1,
            }
          : { stdout: 'customresourcedefinition.apiextensions.k8s.io/testruns.k6.io\n' },
      ],
    },
    {
      match: ['apply --dry-run=server'],
      responses: [
        script.dryRunRejects
          ? { stderr: script.dryRunRejects, exit: 1 }
          : { stdout: 'created (server dry run)\n' },
      ],
    },
    {
      match: ['apply --validate=strict'],
      responses: [
        script.applyFails ? { stderr: script.applyFails, exit: 1 } : { stdout: 'testrun.k6.io/x created\n' },
      ],
    },
  ];
  const stageResponses = [];
  for (const [i, stage] of script.stages.entries()) {
    if (stage === 'gone') {
      stageResponses.push({ stderr: 'Error from server (NotFound): testruns.k6.io "x" not found', exit: 1 });
      continue;
    }
    const conditions =
      stage === 'error'
        ? [
            {
              type: 'TestRunRunning',
              status: 'False',
              reason: 'Error',
              message: script.errorMessage ?? 'failed',
            },
          ]
        : [];
    const status = stage === undefined ? {} : { stage, conditions };
    stageResponses.push({
      stdoutFile: await file(`testrun-${i}.json`, JSON.stringify({ kind: 'TestRun', status })),
    });
  }
  rules.push({ match: ['get testruns.k6.io/'], responses: stageResponses });
  rules.push({
    match: ['get pods'],
    responses: [{ stdoutFile: await file('pods.json', podList(script.pods)) }],
  });
  for (const pod of script.pods) {
    const follows = [];
    for (const [i, follow] of (pod.follows ?? []).entries())
      follows.push({
        stdoutFile: await file(`${pod.name}-follow-${i}.log`, text(follow.lines)),
        exit: follow.exit ?? 0,
      });
    if (follows.length > 0) rules.push({ match: ['logs -f', ` ${pod.name} `], responses: follows });
    if (pod.fullLog)
      rules.push({
        match: ['logs', ` ${pod.name} `],
        responses: [{ stdoutFile: await file(`${pod.name}.log`, text(pod.fullLog)) }],
      });
  }
  if (script.deleteFails)
    rules.push({ match: ['delete'], responses: [{ stderr: script.deleteFails, exit: 1 }] });
  await writeFile(join(dir, 'responses.json'), JSON.stringify(rules, null, 2));
  const bin = resolve('test/contract/chaos/helpers/bin');
  return {
    dir,
    env: {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      FAKE_KUBECTL_LOG: log,
      FAKE_KUBECTL_DIR: dir,
    },
    calls: async () =>
      (await readFile(log, 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as KubectlCall),
  };
}

function text(lines: readonly string[]): string {
  return lines.map((l) => `${l}\n`).join('');
}

function podList(pods: readonly FakeRunnerPod[]): string {
  const items = pods.map((pod) => {
    const state =
      pod.state === 'running'
        ? { running: { startedAt: '2030-01-01T10:00:00Z' } }
        : 'waiting' in pod.state
          ? { waiting: { reason: pod.state.waiting } }
          : {
              terminated: {
                exitCode: pod.state.exitCode,
                reason: pod.state.reason ?? (pod.state.exitCode === 0 ? 'Completed' : 'Error'),
              },
            };
    const phase =
      pod.state === 'running'
        ? 'Running'
        : 'waiting' in pod.state
          ? 'Pending'
          : pod.state.exitCode === 0
            ? 'Succeeded'
            : 'Failed';
    return {
      metadata: {
        name: pod.name,
        labels: { app: 'k6', runner: 'true', 'job-name': `testrun-${pod.instance}` },
      },
      status: { phase, containerStatuses: [{ name: 'k6', state }] },
    };
  });
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

/** The kubectl verbs in order, without the pinned `--context <ctx>` prefix. */
export function verbsOf(calls: readonly KubectlCall[]): string[] {
  return calls.map((c) => (c.argv[0] === '--context' ? c.argv.slice(2) : c.argv).slice(0, 2).join(' '));
}
