// The k6-operator engine's contract when a run does not go through, via the recording fake kubectl:
// a failed runner reported by name, Ctrl-C mid-run, a TestRun at stage error or never picked up — the
// Secret, ConfigMap and TestRun deleted in every case — and the ledger entry that lets a later run
// delete them when deletion itself fails.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareK6OperatorEngine } from '../../../src/engine/k6-operator/k6-operator-engine.ts';
import {
  cleanOperatorLeftovers,
  openOperatorLedger,
} from '../../../src/engine/k6-operator/operator-ledger.ts';
import { EngineError } from '../../../src/errors.ts';
import { fakeCluster } from './helpers/operator-cluster.ts';
import {
  expectEverythingDeleted,
  START_MS,
  setUpOperatorRun,
  twoRunners,
} from './helpers/operator-engine-run.ts';
import { syntheticRunnerLog } from './helpers/synthetic-runner-log.ts';

describe('k6-operator engine (fake kubectl)', () => {
  it('reports a failed runner (OOMKilled) by name, keeps what it had sent, and still deletes everything', async () => {
    const ok = syntheticRunnerLog({ instance: 1, startMs: START_MS, seconds: 30, rate: 6, k6ExitCode: 99 });
    const killed = syntheticRunnerLog({ instance: 2, startMs: START_MS, seconds: 30, rate: 6 });
    const { prepare, run, config, cluster, resultsRoot } = await setUpOperatorRun({
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

  it('Ctrl-C mid-run: reads what the runners reported so far, deletes everything, exits 105', async () => {
    const runners = twoRunners([undefined, undefined]);
    const { prepare, run, config, cluster, resultsRoot } = await setUpOperatorRun({
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
    const { prepare, run, cluster } = await setUpOperatorRun({
      stages: ['initialization', 'error'],
      errorMessage: 'number of instances > number of VUs',
      pods: [],
    });
    await expect(run(await prepare())).rejects.toThrow(/failed: .*number of instances > number of VUs/);
    await expectEverythingDeleted(cluster);
  });

  it('gives up on a TestRun no operator picks up, saying so, and deletes everything', async () => {
    const { cluster, config } = await setUpOperatorRun({ stages: [undefined], pods: [] });
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
    const { prepare, run, resultsRoot, cluster } = await setUpOperatorRun({
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
