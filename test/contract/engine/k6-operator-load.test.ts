// `npm run load:<profile> -- --engine k6-operator` end to end as a user runs it (scripts/load.ts in its
// own process), against the recording fake kubectl: the run folder, the verdict and the exit code are
// those of any engine; Ctrl-C deletes everything the run created and exits 105 with the results so
// far; `--dry-run` prints every manifest as one YAML stream on stdout, logs on stderr, contacts nothing.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { openOperatorLedger } from '../../../src/engine/k6-operator/operator-ledger.ts';
import { type ClusterScript, fakeCluster } from './helpers/operator-cluster.ts';
import { syntheticRunnerLog } from './helpers/synthetic-runner-log.ts';

const START_MS = Date.UTC(2030, 0, 1, 10, 0, 0);

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function load(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/load.ts', ...args], {
    env: { ...env, CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d;
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d;
  });
  const done = new Promise<Finished>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

async function operatorRun(script: ClusterScript) {
  const cluster = await fakeCluster(script);
  const resultsRoot = await mkdtemp(path.join(tmpdir(), 'k6-operator-load-'));
  const args = [
    'normal',
    '--engine',
    'k6-operator',
    '--parallelism',
    '2',
    '--target',
    'http://gateway.test:8080',
    '--scale',
    '0.01',
    '--vu-scale',
    '0.1',
    '--run-id',
    'op-load',
    '--results-dir',
    resultsRoot,
  ];
  return { cluster, resultsRoot, runDir: path.join(resultsRoot, 'op-load'), ...load(args, cluster.env) };
}

const runners = (final: boolean) =>
  [1, 2].map((instance) => {
    const log = syntheticRunnerLog({
      instance,
      startMs: START_MS,
      seconds: 30,
      rate: 6,
      ...(final ? { k6ExitCode: 99 } : {}),
    });
    return { instance, name: `c4ang-perf-normal-pod-${instance}`, log };
  });

describe('npm run load:<profile> -- --engine k6-operator (fake kubectl)', () => {
  it('writes the run folder and the verdict as any engine does, and exits with the verdict', async () => {
    const { done, runDir, cluster, resultsRoot } = await operatorRun({
      stages: ['started', 'finished'],
      pods: runners(true).map((r) => ({
        name: r.name,
        instance: r.instance,
        state: { exitCode: 99 },
        follows: [{ lines: r.log.lines }],
      })),
    });
    const { code, stderr } = await done;
    expect(stderr).toMatch(/k6-operator: deleted TestRun, ConfigMap and Secret/);
    expect(code, stderr).toBe(0);
    const run = JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ status: 'finished', exitCode: 0, engine: 'k6-operator' });
    const verdict = JSON.parse(await readFile(path.join(runDir, 'verdict.json'), 'utf8'));
    expect(verdict.pass).toBe(true);
    expect(verdict.criteria.find((c: { id: string }) => c.id === 'target-rate-reached')).toMatchObject({
      status: 'pass',
    });
    for (const file of [
      'summary.json',
      'timeseries.ndjson',
      'junit.xml',
      'report.md',
      'report.html',
      'runners.json',
    ])
      expect(existsSync(path.join(runDir, file)), file).toBe(true);
    expect(await readFile(path.join(resultsRoot, 'history.ndjson'), 'utf8')).toMatch(/"op-load"/);
    expect((await cluster.calls()).filter((c) => c.argv.includes('delete'))).toHaveLength(2);
    expect(await openOperatorLedger(resultsRoot).list()).toEqual([]);
  });

  it('Ctrl-C mid-run deletes the TestRun, ConfigMap and Secret and exits 105 with the results so far', async () => {
    const { child, done, runDir, cluster, resultsRoot } = await operatorRun({
      stages: ['created', 'started'],
      pods: runners(false).map((r) => ({
        name: r.name,
        instance: r.instance,
        state: 'running',
        follows: [{ lines: r.log.early }],
        fullLog: r.log.early,
      })),
    });
    for (let i = 0; i < 600; i++) {
      if ((await cluster.calls()).some((c) => c.argv.includes('logs'))) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGINT');
    const { code, stderr } = await done;
    expect(code, stderr).toBe(105);
    const deletes = (await cluster.calls())
      .filter((c) => c.argv.includes('delete'))
      .map((c) => c.argv.slice(2).join(' '));
    expect(deletes).toEqual([
      expect.stringMatching(/^delete testruns\.k6\.io\/c4ang-perf-normal-\w+ -n c4ang-perf/),
      expect.stringMatching(
        /^delete configmap\/c4ang-perf-normal-\w+ secret\/c4ang-perf-normal-\w+ -n c4ang-perf/,
      ),
    ]);
    expect(await openOperatorLedger(resultsRoot).list()).toEqual([]);
    const run = JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ status: 'interrupted', exitCode: 105 });
    const summary = JSON.parse(await readFile(path.join(runDir, 'summary.json'), 'utf8'));
    expect(summary.metrics.http_reqs.values.count).toBe(120);
    expect(existsSync(path.join(runDir, 'verdict.json'))).toBe(true);
  });

  it('--dry-run prints Secret (redacted), ConfigMap, TestRun and chaos as one YAML stream and contacts nothing', async () => {
    const cluster = await fakeCluster({ stages: [], pods: [] });
    const resultsRoot = await mkdtemp(path.join(tmpdir(), 'k6-operator-dry-'));
    const { done } = load(
      [
        'spike',
        '--engine',
        'k6-operator',
        '--parallelism',
        '4',
        '--dry-run',
        // Nothing answers here, and nothing needs to.
        '--target',
        'http://nowhere.invalid:1',
        '--chaos',
        'chaos/pod-kill-order-service.yaml',
        '--results-dir',
        resultsRoot,
      ],
      { ...cluster.env, AUTH_TOKEN: 'tok-dry-secret' },
    );
    const { code, stdout, stderr } = await done;
    expect(code, stderr).toBe(0);
    const documents = parseAllDocuments(stdout).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS() as {
        kind: string;
        metadata: { name: string };
        stringData?: Record<string, string>;
        spec?: { parallelism?: number };
      };
    });
    expect(documents.map((d) => d.kind)).toEqual(['Secret', 'ConfigMap', 'TestRun', 'PodChaos']);
    expect(documents[2]!.spec!.parallelism).toBe(4);
    expect(Object.keys(documents[0]!.stringData!)).toEqual(['BASE_URL', 'AUTH_TOKEN']);
    expect(stdout).not.toContain('tok-dry-secret');
    expect(stdout).not.toContain('nowhere.invalid');
    expect(stdout).not.toMatch(/^\[c4ang-perf\]/m);
    expect(stderr).toMatch(/dry run: spike on k6-operator, 4 runner\(s\)/);
    expect(await cluster.calls()).toEqual([]);
    // No run folder, no ledger: nothing happened.
    expect(existsSync(path.join(resultsRoot, 'k6-operator-ledger'))).toBe(false);
  });
});
