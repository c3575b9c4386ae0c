// A k6-operator run set up against the recording fake kubectl (operator-cluster.ts), shared by the
// k6-operator engine's contract tests: the run's config (normal profile, a results folder of its own,
// a token that must reach only the Secret), the engine prepared with short polls, and `run` as the
// CLI would call it. Also the two-runner log most cases use and the checks they share. Node side;
// tests only.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { resolveRunConfig } from '../../../../src/config.ts';
import { prepareK6OperatorEngine } from '../../../../src/engine/k6-operator/k6-operator-engine.ts';
import type { Engine, EngineResult } from '../../../../src/engine/types.ts';
import { readTimeSeries, type TimeSeriesLine } from '../../../../src/results/timeseries-file.ts';
import { type ClusterScript, type FakeCluster, fakeCluster } from './operator-cluster.ts';
import { syntheticRunnerLog } from './synthetic-runner-log.ts';

/** When every synthetic runner's first sample is taken. */
export const START_MS = Date.UTC(2030, 0, 1, 10, 0, 0);

/** A fake cluster playing `script`, the run's config, and the engine's `prepare` and `run` against it. */
export async function setUpOperatorRun(
  script: ClusterScript,
  flags: { parallelism?: string; allowProduction?: boolean } = {},
) {
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
export function twoRunners(exitCodes: [number | undefined, number | undefined] = [99, 99]) {
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

/** A TestRun that goes through every stage to `finished`, one poll each (`started` two). */
export const finishedStages = [
  undefined,
  'initialization',
  'initialized',
  'created',
  'started',
  'started',
  'finished',
];

/** Every line of a time-series file. */
export async function series(file: string): Promise<TimeSeriesLine[]> {
  const lines: TimeSeriesLine[] = [];
  for await (const line of readTimeSeries(file)) lines.push(line);
  return lines;
}

/** The TestRun, ConfigMap and Secret were all deleted (the run leaves nothing in the cluster). */
export async function expectEverythingDeleted(cluster: FakeCluster) {
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
