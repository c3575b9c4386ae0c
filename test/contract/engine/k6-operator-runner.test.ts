// The runner side of a k6-operator run, in the harness image's place: `k6` as the operator calls it
// (deploy/k6-operator-runner.sh) goes through scripts/k6-operator-runner.ts in a runner pod and is the
// real k6 everywhere else; the runner runs k6 (here the fake k6) with the operator's arguments plus a
// sample pipe, and prints records the harness decodes into exact aggregates and series, ending with
// k6's exit code — also when the pod is stopped, and when k6 fails before writing anything.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RecordAssembler,
  type RunnerReport,
  type SeriesChunk,
} from '../../../src/engine/k6-operator/runner-log-protocol.ts';

const fakeK6 = path.resolve('test/fixtures/fake-k6/k6');
const wrapper = path.resolve('deploy/k6-operator-runner.sh');
const OPERATOR_ARGS = [
  '--quiet',
  '/test/normal.js',
  '--address=0.0.0.0:6565',
  '--paused',
  '--tag',
  'instance_id=1',
];

function runWrapper(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const work = mkdtempSync(path.join(tmpdir(), 'k6-runner-'));
  const child = spawn('sh', [wrapper, ...args], {
    env: {
      ...process.env,
      K6_BIN: fakeK6,
      FAKE_K6_LOG: path.join(work, 'argv.ndjson'),
      RESULTS_DIR: path.join(work, 'results'),
      C4ANG_PERF_APP_DIR: process.cwd(),
      ...env,
    },
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
  return {
    child,
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))),
  };
}

const argvOf = (env: NodeJS.ProcessEnv | Record<string, string>) =>
  readFileSync(String(env.FAKE_K6_LOG), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as string[]);

function records(stdout: string): { reports: RunnerReport[]; chunks: SeriesChunk[]; other: string[] } {
  const assembler = new RecordAssembler();
  const reports: RunnerReport[] = [];
  const chunks: SeriesChunk[] = [];
  const other: string[] = [];
  for (const line of stdout.split('\n')) {
    if (!line) continue;
    const record = assembler.push(line);
    if (record?.kind === 'report') reports.push(record.report);
    else if (record?.kind === 'series') chunks.push(record.chunk);
    else if (!line.startsWith('C4ANG_PERF_')) other.push(line);
  }
  expect(assembler.bad).toBe(0);
  return { reports, chunks, other };
}

const RUNNER = {
  C4ANG_PERF_K6_OPERATOR_RUNNER: '1',
  C4ANG_PERF_PROFILE: 'normal',
  LOAD_SCALE: '0.01',
  VU_SCALE: '0.1',
};

describe('k6 in the harness image as k6-operator calls it', () => {
  it('is the real k6 for everything but a runner pod’s `k6 run` (the initializer’s archive and inspect)', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'k6-wrapper-'));
    const env = { FAKE_K6_LOG: path.join(work, 'argv.ndjson') };
    const version = await runWrapper(['version'], { ...env, ...RUNNER }).done;
    expect(version.stdout).toMatch(/k6 v2\.2\.0 \(fake\)/);
    const plainRun = ['run', '--out', `json=${path.join(work, 'samples.json')}`, '/test/x.js'];
    const unswitched = await runWrapper(plainRun, env).done;
    expect(unswitched.code).toBe(0);
    expect(unswitched.stdout).not.toMatch(/C4ANG_PERF_/);
    expect(argvOf(env)).toEqual([['version'], plainRun]);
  });

  it('runs k6 with the operator’s arguments and a sample pipe, and reports exact aggregates and series', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'k6-runner-run-'));
    const env = {
      ...RUNNER,
      FAKE_K6_LOG: path.join(work, 'argv.ndjson'),
      FAKE_K6_SAMPLES: '6000',
      FAKE_K6_RATE: '100',
      FAKE_K6_EXIT: '99',
    };
    const { code, stdout, stderr } = await runWrapper(['run', ...OPERATOR_ARGS], env).done;
    // k6's exit code is the pod's: k6-operator marks the Job failed on 99, the harness judges the whole load.
    expect(code, stderr).toBe(99);
    const [argv] = argvOf(env);
    expect(argv!.slice(0, 3)).toEqual(['run', '--out', expect.stringMatching(/^json=.*k6-samples\.ndjson$/)]);
    expect(argv!.slice(3)).toEqual(OPERATOR_ARGS);
    const { reports, chunks } = records(stdout);
    const final = reports.at(-1)!;
    expect(final).toMatchObject({ final: true, k6ExitCode: 99 });
    expect(reports.filter((r) => r.final)).toHaveLength(1);
    expect(final.aggregates.samples).toBe(6000);
    const http = final.aggregates.metrics.find((m) => m.name === 'http_reqs')!;
    expect(http.sink).toMatchObject({ kind: 'counter', count: 1000 });
    // The profile's threshold keys are kept whole-run, to be judged on the merged load.
    const duration = final.aggregates.metrics.find((m) => m.name === 'http_req_duration')!;
    expect(duration.submetrics.map((s) => s.key)).toContain('http_req_duration{service:order-service}');
    // Every second went out as series lines, in chunks 1..seq, each once.
    expect(chunks.map((c) => c.seq)).toEqual(reports.map((r) => r.seq));
    const lines = chunks.flatMap((c) => c.lines).filter((l) => l.metric === 'http_reqs');
    expect(lines.reduce((n, l) => n + (l.values.count ?? 0), 0)).toBe(1000);
    expect(final.aggregates.seconds).toEqual([]);
  });

  it('hands a stop of the pod to k6 as its graceful SIGINT and still sends the final report', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'k6-runner-stop-'));
    const env = {
      ...RUNNER,
      FAKE_K6_LOG: path.join(work, 'argv.ndjson'),
      FAKE_K6_SAMPLES: '600',
      FAKE_K6_HANG: '1',
      C4ANG_PERF_REPORT_EVERY_S: '0.2',
    };
    const { child, done } = runWrapper(['run', ...OPERATOR_ARGS], env);
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d;
    });
    for (let i = 0; i < 200 && !stdout.includes('C4ANG_PERF_AGGREGATES'); i++)
      await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    const finished = await done;
    expect(finished.code).toBe(105);
    expect(readFileSync(`${env.FAKE_K6_LOG}.signals`, 'utf8')).toMatch(/SIGINT/);
    const { reports } = records(finished.stdout);
    expect(reports.filter((r) => !r.final).length).toBeGreaterThan(0);
    expect(reports.at(-1)).toMatchObject({ final: true, k6ExitCode: 105 });
    expect(reports.at(-1)!.aggregates.samples).toBe(600);
  });

  it('does not hang when k6 exits before opening the sample pipe', async () => {
    const { code, stdout } = await runWrapper(['run', ...OPERATOR_ARGS], { ...RUNNER, K6_BIN: '/bin/false' })
      .done;
    expect(code).toBe(1);
    expect(records(stdout).reports.at(-1)).toMatchObject({
      final: true,
      k6ExitCode: 1,
      aggregates: { samples: 0 },
    });
  });
});
