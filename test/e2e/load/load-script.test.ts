// `npm run load:<profile>` as a user runs it: a child process that builds, starts the embedded
// target, runs the local runner, writes results/<runId>/ and exits with the run's code.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
// Vitest exports Vite's BASE_URL ("/") into process.env; a child must not take it for the target.
const { BASE_URL: _viteBaseUrl, ...parentEnv } = process.env;
const resultsRoot = mkdtempSync(path.join(tmpdir(), 'c4ang-load-'));

interface Finished {
  code: number | null;
  stderr: string;
  stdout: string;
}

function runLoadScript(
  args: string[],
  options: { interruptAfterMs?: number; env?: Record<string, string> } = {},
): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/load.ts', ...args, '--results-dir', resultsRoot, '--quiet'],
      {
        cwd: root,
        env: { ...parentEnv, PATH: '/usr/bin:/bin', ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (options.interruptAfterMs && stderr.includes('target ready')) {
        setTimeout(() => child.kill('SIGINT'), options.interruptAfterMs);
        options.interruptAfterMs = undefined;
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

const readJson = (runId: string, file: string) =>
  JSON.parse(readFileSync(path.join(resultsRoot, runId, file), 'utf8'));

describe('load script', () => {
  test('smoke passes and leaves run.json, summary.json, summary.txt and the time series', async () => {
    const run = await runLoadScript(['smoke', '--run-id', 'smoke-e2e']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/on local \(no k6 binary on PATH/);
    expect(readJson('smoke-e2e', 'run.json')).toMatchObject({
      status: 'finished',
      exitCode: 0,
      engine: 'local',
      profile: 'smoke',
    });
    expect(readJson('smoke-e2e', 'summary.json').c4ang.criteria.every((c: { ok: boolean }) => c.ok)).toBe(
      true,
    );
    expect(existsSync(path.join(resultsRoot, 'smoke-e2e', 'summary.txt'))).toBe(true);
    const lines = readFileSync(path.join(resultsRoot, 'smoke-e2e', 'timeseries.ndjson'), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((line) => JSON.parse(line).metric)).toContain('http_req_duration');
    const history = readFileSync(path.join(resultsRoot, 'history.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(history.at(-1)).toMatchObject({ runId: 'smoke-e2e', exitCode: 0 });
  });

  test('a scaled spike runs end to end', async () => {
    const run = await runLoadScript([
      'spike',
      '--run-id',
      'spike-e2e',
      '--scale',
      '0.006',
      '--vu-scale',
      '0.1',
    ]);
    expect([0, 99], run.stderr).toContain(run.code);
    expect(readJson('spike-e2e', 'run.json')).toMatchObject({
      status: 'finished',
      loadScale: 0.006,
      vuScale: 0.1,
    });
    expect(
      readJson('spike-e2e', 'summary.json').metrics['http_req_duration{phase:spike}'].values.count,
    ).toBeGreaterThan(0);
  });

  test('SIGINT stops the run with 105, keeps the summary and leaves no target behind', async () => {
    const run = await runLoadScript(
      ['normal', '--run-id', 'interrupted-e2e', '--scale', '0.02', '--vu-scale', '0.2'],
      { interruptAfterMs: 3000 },
    );
    expect(run.code, run.stderr).toBe(105);
    expect(readJson('interrupted-e2e', 'run.json')).toMatchObject({ status: 'interrupted', exitCode: 105 });
    expect(readJson('interrupted-e2e', 'summary.json').metrics.http_reqs.values.count).toBeGreaterThan(0);
  });

  test.each([
    [['spike', '--scale', '2'], /--scale: must be a number with 0 < value ≤ 1 \(got "2"\)/],
    [['spike', '--engine', 'k6'], /--engine k6: no k6 binary on PATH/],
    [['warmup'], /unknown profile "warmup"[\s\S]*must be one of smoke, normal/],
    [['spike', '--target', 'not a url'], /--target: must be an http\(s\) URL/],
  ])('bad input %j exits 104 before anything starts', async (args, message) => {
    const run = await runLoadScript([...args, '--run-id', 'never-started']);
    expect(run.code).toBe(104);
    expect(run.stderr).toMatch(message);
    expect(existsSync(path.join(resultsRoot, 'never-started'))).toBe(false);
  });
});
