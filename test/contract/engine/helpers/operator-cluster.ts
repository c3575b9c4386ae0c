// A k6-operator cluster as the recording fake kubectl (test/contract/chaos/helpers/bin/kubectl) plays
// it: a fixture folder written per test — the context, whether the TestRun CRD is served, how the API
// server takes the run's objects, the TestRun's stages poll by poll, the runner pods and each one's log
// (what `kubectl logs -f` streams, follow by follow, and the full log) — and the calls it recorded.
// Runner logs are made of real records (runner-log-protocol.ts) from synthetic k6 samples pushed
// through the streaming aggregator, as a runner pod would print them. Node side; tests only.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { createK6StreamAggregator } from '../../../../src/engine/k6-stream/stream-aggregator.ts';
import { encodeRecord, REPORT_FORMAT } from '../../../../src/engine/k6-operator/runner-log-protocol.ts';
import type { TimeSeriesLine } from '../../../../src/results/timeseries-file.ts';
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

export interface SyntheticRunner {
  readonly instance: number;
  /** Unix ms of the first sample (every runner of a run starts together). */
  readonly startMs: number;
  readonly seconds: number;
  /** Requests (= iterations) per second this runner makes. */
  readonly rate: number;
  /** Share of failed requests. */
  readonly failed?: number;
  /** Request duration of request `r`, ms. */
  readonly durationMs?: (r: number) => number;
  /** VUs this runner holds. */
  readonly vus?: number;
  /** A report every this many seconds of samples. */
  readonly reportEvery?: number;
  /** k6's exit code in the final report; `undefined`: the log ends before k6 did (no final report). */
  readonly k6ExitCode?: number;
}

export interface SyntheticLog {
  /** Every line the runner printed. */
  readonly lines: string[];
  /** The lines up to (and with) the first non-final report: what was there early in the run. */
  readonly early: string[];
  /** The time-series lines of every second the runner covered (for comparing with the merge). */
  readonly series: TimeSeriesLine[];
}

const SERVICES = ['customer-service', 'product-service', 'order-service', 'payment-service'];

/** A runner pod's log, from k6 JSON samples through the aggregator and the record encoder. */
export function syntheticRunnerLog(runner: SyntheticRunner): SyntheticLog {
  const series: TimeSeriesLine[] = [];
  const pending: TimeSeriesLine[] = [];
  const aggregator = createK6StreamAggregator({
    submetrics: SERVICES.map((s) => `http_req_duration{service:${s}}`),
    onSeconds: (lines) => {
      pending.push(...lines);
      series.push(...lines);
    },
  });
  const metric = (name: string, type: string, contains: string) =>
    JSON.stringify({
      type: 'Metric',
      metric: name,
      data: { name, type, contains, thresholds: [], submetrics: null },
    });
  const point = (name: string, timeMs: number, value: number, tags: Record<string, string>) =>
    JSON.stringify({
      type: 'Point',
      metric: name,
      data: { time: new Date(timeMs).toISOString(), value, tags },
    });
  for (const [name, type, contains] of [
    ['http_reqs', 'counter', 'default'],
    ['http_req_duration', 'trend', 'time'],
    ['http_req_failed', 'rate', 'default'],
    ['checks', 'rate', 'default'],
    ['iterations', 'counter', 'default'],
    ['vus', 'gauge', 'default'],
  ] as const)
    aggregator.push(metric(name, type, contains));
  const lines: string[] = [];
  let early: string[] | undefined;
  let seq = 0;
  const report = (final: boolean) => {
    seq += 1;
    if (final) aggregator.finish();
    else aggregator.flushSeconds();
    lines.push(...encodeRecord({ kind: 'series', chunk: { seq, lines: pending.splice(0) } }));
    lines.push(
      ...encodeRecord({
        kind: 'report',
        report: {
          format: REPORT_FORMAT,
          seq,
          final,
          k6ExitCode: final ? (runner.k6ExitCode ?? 0) : null,
          aggregates: aggregator.snapshot(),
        },
      }),
    );
    if (!final && !early) early = [...lines];
  };
  lines.push(`k6 runner ${runner.instance} starting`);
  const instance = { instance_id: String(runner.instance), testrun_name: 'testrun' };
  let r = 0;
  for (let second = 0; second < runner.seconds; second++) {
    const base = runner.startMs + second * 1000;
    aggregator.push(point('vus', base, runner.vus ?? 5, { ...instance }));
    for (let i = 0; i < runner.rate; i++, r++) {
      const timeMs = base + Math.floor((i * 1000) / runner.rate);
      const service = SERVICES[r % SERVICES.length]!;
      const failed = Math.floor((r + 1) * (runner.failed ?? 0)) > Math.floor(r * (runner.failed ?? 0));
      const tags = {
        ...instance,
        service,
        status: failed ? '500' : '200',
        method: 'GET',
        scenario: 'normal',
        group: '',
      };
      aggregator.push(point('http_reqs', timeMs, 1, tags));
      aggregator.push(point('http_req_duration', timeMs, runner.durationMs?.(r) ?? 20 + (r % 50), tags));
      aggregator.push(point('http_req_failed', timeMs, failed ? 1 : 0, tags));
      aggregator.push(
        point('checks', timeMs, failed ? 0 : 1, {
          ...instance,
          check: 'status ok',
          group: '',
          scenario: 'normal',
        }),
      );
      aggregator.push(point('iterations', timeMs, 1, { ...instance, group: '', scenario: 'normal' }));
    }
    if ((second + 1) % (runner.reportEvery ?? 10) === 0 && second + 1 < runner.seconds) report(false);
  }
  if (runner.k6ExitCode !== undefined) {
    lines.push('     ✓ status ok');
    report(true);
  } else {
    aggregator.finish();
  }
  return { lines, early: early ?? [], series };
}
