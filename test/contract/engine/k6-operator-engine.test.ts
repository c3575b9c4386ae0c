// The k6-operator engine's contract, through the recording fake kubectl (no cluster, no k6): the
// preflight's rails, the ledger entry before anything is applied, the TestRun followed through its
// stages, each runner's log read (reconnects included), the runners' aggregates merged and judged
// once on the whole load, a failed runner reported, a stuck or failed TestRun explained, and the
// Secret, ConfigMap and TestRun deleted at the end — also on Ctrl-C and on error.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../../src/config.ts';
import { prepareK6OperatorEngine } from '../../../src/engine/k6-operator/k6-operator-engine.ts';
import {
  cleanOperatorLeftovers,
  openOperatorLedger,
} from '../../../src/engine/k6-operator/operator-ledger.ts';
import type { Engine, EngineResult } from '../../../src/engine/types.ts';
import { ConfigError, EngineError } from '../../../src/errors.ts';
import { readTimeSeries, type TimeSeriesLine } from '../../../src/results/timeseries-file.ts';
import {
  type ClusterScript,
  fakeCluster,
  type FakeCluster,
  syntheticRunnerLog,
  verbsOf,
} from './helpers/operator-cluster.ts';

const START_MS = Date.UTC(2030, 0, 1, 10, 0, 0);

async function setup(script: ClusterScript, flags: { parallelism?: string; allowProduction?: boolean } = {}) {
  const cluster = await fakeCluster(script);
  const resultsRoot = await mkdtemp(path.join(tmpdir(), 'k6-operator-results-'));
  const config = resolveRunConfig(
    'normal',
    {
      engine: 'k6-operator',
      parallelism: flags.parallelism ?? '2',
      target: 'http://gateway.test:8080',
      scale: '0.01',
      vuScale: '0.1',
      runId: 'op-run',
      resultsDir: resultsRoot,
      ...(flags.allowProduction ? { allowProductionContext: true } : {}),
    },
    { AUTH_TOKEN: 'tok-secret-123' },
  );
  const bundle = path.join(resultsRoot, 'normal.js');
  await writeFile(bundle, 'export default function () {}\n');
  const log: string[] = [];
  const prepare = () =>
    prepareK6OperatorEngine(config, {
      buildBundle: async () => bundle,
      log: (line) => log.push(line),
      kubectl: { env: cluster.env },
      pollMs: 5,
      finishGraceMs: 3000,
      retryMs: 5,
    });
  const run = async (engine: Engine, signal = new AbortController().signal): Promise<EngineResult> => {
    await mkdir(config.resultsDir, { recursive: true });
    return engine.run({
      bundlePath: bundle,
      env: {
        BASE_URL: 'http://gateway.test:8080',
        RUN_ID: 'op-run',
        RESULTS_DIR: config.resultsDir,
        LOAD_SCALE: '0.01',
        VU_SCALE: '0.1',
      },
      resultsDir: config.resultsDir,
      timeSeriesPath: path.join(config.resultsDir, 'timeseries.ndjson'),
      signal,
      quiet: true,
    });
  };
  return { cluster, config, log, prepare, run, resultsRoot };
}

/** Two runners of 30 s at 6 requests/s each: 9.5 iterations/s (normal at VU scale 0.1) only together. */
function twoRunners(exitCodes: [number | undefined, number | undefined] = [99, 99]) {
  return [1, 2].map((instance, i) => {
    const log = syntheticRunnerLog({
      instance,
      startMs: START_MS,
      seconds: 30,
      rate: 6,
      k6ExitCode: exitCodes[i],
    });
    return { instance, log, name: `c4ang-perf-normal-run-${instance}-pod` };
  });
}

const finishedStages = [
  undefined,
  'initialization',
  'initialized',
  'created',
  'started',
  'started',
  'finished',
];

async function series(file: string): Promise<TimeSeriesLine[]> {
  const lines: TimeSeriesLine[] = [];
  for await (const line of readTimeSeries(file)) lines.push(line);
  return lines;
}

async function expectEverythingDeleted(cluster: FakeCluster) {
  const deletes = (await cluster.calls())
    .filter((c) => c.argv.includes('delete'))
    .map((c) => c.argv.join(' '));
  expect(deletes.join('\n')).toMatch(
    /delete testruns\.k6\.io\/c4ang-perf-normal-\w+ -n c4ang-perf .*--cascade=foreground/,
  );
  expect(deletes.join('\n')).toMatch(
    /delete configmap\/c4ang-perf-normal-\w+ secret\/c4ang-perf-normal-\w+ -n c4ang-perf/,
  );
}

describe('k6-operator engine (fake kubectl)', () => {
  it('follows the stages, reads every runner, judges thresholds on the merged load and deletes everything', async () => {
    const runners = twoRunners();
    const { cluster, prepare, run, config, log, resultsRoot } = await setup({
      stages: finishedStages,
      pods: runners.map((r) => ({
        name: r.name,
        instance: r.instance,
        // Each runner alone misses the rate threshold, as k6 in its pod says (99).
        state: { exitCode: 99 },
        follows: [{ lines: r.log.lines }],
      })),
    });
    const engine = await prepare();
    expect(engine.name).toBe('k6-operator');
    const result = await run(engine);
    // Together the runners made 12 iterations/s, above the 9.5 the profile asks for: a pass.
    expect(result.exitCode).toBe(0);

    const calls = await cluster.calls();
    const verbs = verbsOf(calls);
    expect(verbs.slice(0, 5)).toEqual([
      'version --client',
      'config current-context',
      'get crd',
      'apply --dry-run=server',
      'apply --validate=strict',
    ]);
    expect(verbs.filter((v) => v.startsWith('get testruns.k6.io/'))).toHaveLength(finishedStages.length);
    expect(verbs.at(-2)).toMatch(/^delete testruns\.k6\.io\//);
    expect(verbs.at(-1)).toMatch(/^delete configmap\//);
    expect(calls.slice(2).every((c) => c.argv[0] === '--context' && c.argv[1] === 'kind-c4ang')).toBe(true);
    for (const r of runners)
      expect(
        calls.some((c) => c.argv.includes('logs') && c.argv.includes('-f') && c.argv.includes(r.name)),
      ).toBe(true);
    expect(
      log.filter((l) => / is (initialization|initialized|created|started|finished)$/.test(l)),
    ).toHaveLength(5);

    // What was applied: Secret, ConfigMap, TestRun; the token only in the Secret.
    const applied = JSON.parse(
      calls.find((c) => c.argv.includes('--validate=strict') && !c.argv.includes('--dry-run=server'))!.stdin!,
    );
    expect(applied.items.map((o: { kind: string }) => o.kind)).toEqual(['Secret', 'ConfigMap', 'TestRun']);
    expect(applied.items[0].stringData.AUTH_TOKEN).toBe('tok-secret-123');
    expect(JSON.stringify(applied.items.slice(1))).not.toContain('tok-secret-123');
    // The server's dry run never saw the token either.
    const dry = calls.find((c) => c.argv.includes('--dry-run=server'))!.stdin!;
    expect(dry).not.toContain('tok-secret-123');
    expect(JSON.parse(dry).items.map((o: { kind: string }) => o.kind)).toEqual([
      'Secret',
      'ConfigMap',
      'TestRun',
    ]);

    const summary = JSON.parse(await readFile(path.join(config.resultsDir, 'summary.json'), 'utf8'));
    expect(summary.metrics.iterations.values.count).toBe(360);
    expect(summary.metrics.http_reqs.values.count).toBe(360);
    expect(summary.metrics.iterations.thresholds['rate>=9.5'].ok).toBe(true);
    // Each runner held 5 VUs: the run held 10.
    expect(summary.metrics.vus.values.value).toBe(10);
    expect(summary.c4ang.criteria.find((c: { id: string }) => c.id === 'target-rate-reached').ok).toBe(true);
    // The merged latency histogram is exact: the p95 of both runners' samples, not an average of p95s.
    expect(summary.metrics['http_req_duration{service:order-service}'].values.count).toBe(90);

    const merged = await series(path.join(config.resultsDir, 'timeseries.ndjson'));
    const requestsPerSecond = merged.filter((l) => l.metric === 'http_reqs');
    expect(requestsPerSecond.reduce((n, l) => n + l.values.count!, 0)).toBe(360);
    expect(merged.every((l) => !('instance_id' in l.tags) && !('testrun_name' in l.tags))).toBe(true);
    expect(merged.filter((l) => l.metric === 'vus').every((l) => l.values.value === 10)).toBe(true);
    const runnersFile = JSON.parse(await readFile(path.join(config.resultsDir, 'runners.json'), 'utf8'));
    expect(
      runnersFile.runners.map((r: { exitCode: number; failure: unknown }) => [r.exitCode, r.failure]),
    ).toEqual([
      [99, null],
      [99, null],
    ]);
    await expectEverythingDeleted(cluster);
    expect(await openOperatorLedger(resultsRoot).list()).toEqual([]);
    // The runners' own series files were merged and removed.
    expect(existsSync(path.join(config.resultsDir, 'runner-series'))).toBe(false);
  });

  it('fails the run when the merged load crosses a threshold (99), even though each runner passed', async () => {
    const runners = [1, 2].map((instance) => ({
      instance,
      name: `slow-runner-${instance}`,
      log: syntheticRunnerLog({
        instance,
        startMs: START_MS,
        seconds: 20,
        rate: 6,
        durationMs: () => 900,
        k6ExitCode: 0,
      }),
    }));
    const { prepare, run } = await setup({
      stages: ['started', 'finished'],
      pods: runners.map((r) => ({
        name: r.name,
        instance: r.instance,
        state: { exitCode: 0 },
        follows: [{ lines: r.log.lines }],
      })),
    });
    expect((await run(await prepare())).exitCode).toBe(99);
  });

  it('follows a log again from the top when it breaks off, without counting anything twice', async () => {
    const runner = syntheticRunnerLog({
      instance: 1,
      startMs: START_MS,
      seconds: 40,
      rate: 10,
      reportEvery: 10,
      k6ExitCode: 0,
    });
    const { prepare, run, config, cluster, log } = await setup(
      {
        stages: ['started', 'started', 'started', 'finished'],
        pods: [
          {
            name: 'only-runner-1',
            instance: 1,
            state: 'running',
            follows: [{ lines: runner.early, exit: 1 }, { lines: runner.lines }],
          },
        ],
      },
      { parallelism: '1' },
    );
    // The pod is listed as running throughout: the engine stops waiting once the final report came.
    const result = await run(await prepare()).catch((error: Error) => error);
    expect(result).toMatchObject({ exitCode: 0 });
    expect(
      (await cluster.calls()).filter((c) => c.argv.includes('logs') && c.argv.includes('-f')).length,
    ).toBe(2);
    expect(log.join('\n')).toMatch(/following only-runner-1 broke off/);
    const merged = await series(path.join(config.resultsDir, 'timeseries.ndjson'));
    const count = merged.filter((l) => l.metric === 'http_reqs').reduce((n, l) => n + l.values.count!, 0);
    expect(count).toBe(400);
    expect(count).toBe(
      runner.series.filter((l) => l.metric === 'http_reqs').reduce((n, l) => n + l.values.count!, 0),
    );
  });

  it('reports a failed runner (OOMKilled) by name, keeps what it had sent, and still deletes everything', async () => {
    const ok = syntheticRunnerLog({ instance: 1, startMs: START_MS, seconds: 30, rate: 6, k6ExitCode: 99 });
    const killed = syntheticRunnerLog({ instance: 2, startMs: START_MS, seconds: 30, rate: 6 });
    const { prepare, run, config, cluster, resultsRoot } = await setup({
      stages: ['started', 'finished'],
      pods: [
        { name: 'runner-ok-1', instance: 1, state: { exitCode: 99 }, follows: [{ lines: ok.lines }] },
        {
          name: 'runner-oom-2',
          instance: 2,
          state: { exitCode: 137, reason: 'OOMKilled' },
          follows: [{ lines: killed.early }],
          fullLog: killed.early,
        },
      ],
    });
    const error = await run(await prepare()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as Error).message).toMatch(/runner 2 \(pod runner-oom-2\) exited 137 \(OOMKilled\)/);
    expect((error as Error).message).toMatch(/covers 2 of 2 runners/);
    const runners = JSON.parse(await readFile(path.join(config.resultsDir, 'runners.json'), 'utf8')).runners;
    expect(runners[1]).toMatchObject({
      pod: 'runner-oom-2',
      exitCode: 137,
      reason: 'OOMKilled',
      report: { final: false },
    });
    expect(runners[1].failure).toMatch(/exited 137/);
    expect(existsSync(path.join(config.resultsDir, 'summary.json'))).toBe(true);
    await expectEverythingDeleted(cluster);
    expect(await openOperatorLedger(resultsRoot).list()).toEqual([]);
  });

  it('passes on a runner script error as k6 would (107)', async () => {
    const broken = syntheticRunnerLog({
      instance: 1,
      startMs: START_MS,
      seconds: 2,
      rate: 1,
      k6ExitCode: 107,
    });
    const { prepare, run } = await setup(
      {
        stages: ['started', 'finished'],
        pods: [{ name: 'r-1', instance: 1, state: { exitCode: 107 }, follows: [{ lines: broken.lines }] }],
      },
      { parallelism: '1' },
    );
    expect((await run(await prepare())).exitCode).toBe(107);
  });

  it('Ctrl-C mid-run: reads what the runners reported so far, deletes everything, exits 105', async () => {
    const runners = twoRunners([undefined, undefined]);
    const { prepare, run, config, cluster, resultsRoot } = await setup({
      stages: ['created', 'started'],
      pods: runners.map((r) => ({
        name: r.name,
        instance: r.instance,
        state: 'running',
        follows: [{ lines: r.log.early }],
        fullLog: r.log.early,
      })),
    });
    const engine = await prepare();
    const controller = new AbortController();
    const running = run(engine, controller.signal);
    // Once both runners are being followed, as in the middle of a run.
    for (let i = 0; i < 400; i++) {
      if ((await cluster.calls()).filter((c) => c.argv.includes('logs') && c.argv.includes('-f')).length >= 2)
        break;
      await new Promise((r) => setTimeout(r, 10));
    }
    controller.abort();
    const result = await running;
    expect(result.exitCode).toBe(105);
    await expectEverythingDeleted(cluster);
    expect(await openOperatorLedger(resultsRoot).list()).toEqual([]);
    const summary = JSON.parse(await readFile(path.join(config.resultsDir, 'summary.json'), 'utf8'));
    // The first report of each runner: 10 s of 6 requests/s.
    expect(summary.metrics.http_reqs.values.count).toBe(120);
    const runnersFile = JSON.parse(await readFile(path.join(config.resultsDir, 'runners.json'), 'utf8'));
    expect(runnersFile.runners.every((r: { report: { final: boolean } }) => r.report.final === false)).toBe(
      true,
    );
  });

  it('explains a TestRun at stage error and deletes everything', async () => {
    const { prepare, run, cluster } = await setup({
      stages: ['initialization', 'error'],
      errorMessage: 'number of instances > number of VUs',
      pods: [],
    });
    await expect(run(await prepare())).rejects.toThrow(/failed: .*number of instances > number of VUs/);
    await expectEverythingDeleted(cluster);
  });

  it('gives up on a TestRun no operator picks up, saying so, and deletes everything', async () => {
    const { cluster, config } = await setup({ stages: [undefined], pods: [] });
    const bundle = path.join(config.resultsRoot, 'normal.js');
    const engine = await prepareK6OperatorEngine(config, {
      buildBundle: async () => bundle,
      log: () => undefined,
      kubectl: { env: cluster.env },
      pollMs: 5,
      timeouts: {
        none: 100,
        initialization: 100,
        initialized: 100,
        created: 100,
        started: 100,
        stopped: 100,
      },
    });
    await mkdir(config.resultsDir, { recursive: true });
    const error = await engine
      .run({
        bundlePath: bundle,
        env: { RUN_ID: 'op-run', RESULTS_DIR: config.resultsDir },
        resultsDir: config.resultsDir,
        timeSeriesPath: path.join(config.resultsDir, 'timeseries.ndjson'),
        signal: new AbortController().signal,
        quiet: true,
      })
      .catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /got no stage for 0 s; is k6-operator installed and watching namespace c4ang-perf\?/,
    );
    await expectEverythingDeleted(cluster);
  });

  it('keeps the ledger entry when deletion fails, and the next run deletes where it was applied', async () => {
    const { prepare, run, resultsRoot, cluster } = await setup({
      stages: ['started'],
      pods: [],
      applyFails: 'error: the server could not find the requested resource',
      deleteFails: 'Unable to connect to the server',
    });
    const engine = await prepare();
    await expect(run(engine)).rejects.toThrow(/kubectl apply of the k6-operator run failed/);
    // Written before the apply, and left because the objects may exist.
    const [entry] = await openOperatorLedger(resultsRoot).list();
    expect(entry).toMatchObject({
      kind: 'k6-operator-run',
      namespace: 'c4ang-perf',
      kubeTarget: 'kind-c4ang',
      runId: 'op-run',
    });
    // The owner (this process) still runs: skipped unless told otherwise.
    const live = await cleanOperatorLeftovers({ resultsRoot, kubectl: { env: cluster.env } });
    expect(live.skipped).toHaveLength(1);
    const healthy = await fakeCluster({ context: 'some-other-context', stages: [], pods: [] });
    const cleaned = await cleanOperatorLeftovers({
      resultsRoot,
      includeLive: true,
      kubectl: { env: healthy.env },
    });
    expect(cleaned.cleaned).toEqual([entry!.id]);
    const deletes = (await healthy.calls()).filter((c) => c.argv.includes('delete'));
    // On the context the objects were applied on, never the current one.
    expect(deletes.every((c) => c.argv[0] === '--context' && c.argv[1] === 'kind-c4ang')).toBe(true);
    expect(deletes.map((c) => c.argv.slice(2, 5).join(' '))).toEqual([
      `delete testruns.k6.io/${entry!.name} -n`,
      `delete configmap/${entry!.name} secret/${entry!.name}`,
    ]);
    expect(await openOperatorLedger(resultsRoot).list()).toEqual([]);
  });
});

describe('k6-operator preflight (fake kubectl)', () => {
  it('refuses a production-looking context and applies nothing', async () => {
    const { prepare, cluster } = await setup({ context: 'eks-prod-eu', stages: [], pods: [] });
    const error = await prepare().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(/eks-prod-eu.*looks like production/);
    expect(verbsOf(await cluster.calls())).toEqual(['version --client', 'config current-context']);
  });

  it('refuses a context not on the allowlist', async () => {
    const { prepare } = await setup({ context: 'my-laptop-cluster', stages: [], pods: [] });
    await expect(prepare()).rejects.toThrow(/not on the allowlist/);
  });

  it('says k6-operator is missing when the TestRun CRD is not served', async () => {
    const { prepare, cluster } = await setup({ crdServed: false, stages: [], pods: [] });
    await expect(prepare()).rejects.toThrow(
      /TestRun CRD \(testruns\.k6\.io\) is missing.*install k6-operator/,
    );
    expect(verbsOf(await cluster.calls())).not.toContain('apply --dry-run=server');
  });

  it("passes on the API server's rejection of the server-side dry run, before anything is applied", async () => {
    const { prepare, cluster } = await setup({
      dryRunRejects: 'error: namespaces "c4ang-perf" not found',
      stages: [],
      pods: [],
    });
    await expect(prepare()).rejects.toThrow(
      /rejected the run's objects: error: namespaces "c4ang-perf" not found/,
    );
    expect(verbsOf(await cluster.calls()).filter((v) => v.startsWith('apply'))).toEqual([
      'apply --dry-run=server',
    ]);
  });

  it('refuses more runners than the run has VUs, before contacting the cluster', async () => {
    const { prepare, cluster } = await setup({ stages: [], pods: [] }, { parallelism: '11' });
    await expect(prepare()).rejects.toThrow(/--parallelism: 11 runners for a normal run of at most 10 VU/);
    expect(await cluster.calls()).toEqual([]);
  });
});
