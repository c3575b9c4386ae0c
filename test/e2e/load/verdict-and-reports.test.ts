// The main job as a user types it — `npm run load:spike -- --chaos chaos/pod-kill-order-service.yaml`
// — leaves every artefact a person or CI reads, all telling the same verdict; `npm run report`
// rebuilds them from the folder and renders the history page.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
// Vitest exports Vite's BASE_URL ("/") into process.env; a child must not take it for the target.
const { BASE_URL: _viteBaseUrl, ...parentEnv } = process.env;
const resultsRoot = mkdtempSync(path.join(tmpdir(), 'c4ang-verdict-'));
const stepSummary = path.join(resultsRoot, 'step-summary.md');

function npmRun(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', ...args], {
      cwd: root,
      env: {
        ...parentEnv,
        PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
        GITHUB_STEP_SUMMARY: stepSummary,
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

const runDir = path.join(resultsRoot, 'spike-chaos');
const read = (file: string) => readFileSync(path.join(runDir, file), 'utf8');
interface Criterion {
  id: string;
  status: string;
  source: string;
}

describe('verdict and reports of a spike run with a pod-kill', () => {
  test('npm run load:spike -- --chaos … writes every artefact with one verdict', async () => {
    writeFileSync(stepSummary, '');
    const run = await npmRun([
      'load:spike',
      '--',
      '--chaos',
      'chaos/pod-kill-order-service.yaml',
      '--run-id',
      'spike-chaos',
      '--results-dir',
      resultsRoot,
      '--quiet',
    ]);
    for (const file of [
      'run.json',
      'summary.json',
      'timeseries.ndjson',
      'chaos.json',
      'verdict.json',
      'junit.xml',
      'report.md',
      'report.html',
    ])
      expect(existsSync(path.join(runDir, file)), file).toBe(true);
    const verdict = JSON.parse(read('verdict.json'));
    expect(verdict).toMatchObject({ schema: 'c4ang-perf/verdict@1', runId: 'spike-chaos', profile: 'spike' });
    expect(run.code, run.stderr).toBe(verdict.exitCode);
    expect(verdict.run).toMatchObject({
      engine: 'local',
      targetKind: 'embedded',
      loadScale: 0.04,
      vuScale: 0.4,
    });
    const ids = verdict.criteria.map((c: Criterion) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'spike-errors-under-5pct',
        'post-spike-p95-under-500ms',
        'no-pool-exhaustion-after-spike',
        'spike-recovered',
        'chaos-recovered-pod-kill-order-service',
        'chaos-pod-kill-order-service-errors-during-fault',
        'chaos-as-planned',
      ]),
    );
    expect(new Set(verdict.criteria.map((c: Criterion) => c.source))).toEqual(
      new Set(['threshold', 'analysis']),
    );
    // Retries hide a single pod kill: errors stay low whatever the machine's load.
    const byId = (id: string) => verdict.criteria.find((c: Criterion) => c.id === id);
    expect(byId('chaos-pod-kill-order-service-errors-during-fault').status).toBe('pass');
    expect(byId('chaos-as-planned').status).toBe('pass');
    const failed = verdict.criteria.filter((c: Criterion) => c.status === 'fail');
    expect(verdict.pass).toBe(failed.length === 0);
    expect(verdict.exitCode).toBe(verdict.pass ? 0 : 99);
    const [fault] = verdict.analysis.chaos;
    expect(fault.windows.map((w: { name: string }) => w.name)).toEqual(['before', 'during', 'after']);
    expect(fault.selected[0]).toMatch(/^order-service-/);
    expect(verdict.analysis.services.map((r: { name: string }) => r.name)).toContain('order-service');
    expect(verdict.analysis.operations.map((r: { name: string }) => r.name)).toContain('order_create');
    expect(verdict.analysis.overall.requests).toBe(
      JSON.parse(read('summary.json')).metrics.http_req_duration.values.count,
    );

    // The terminal says it first, in one line; the same verdict everywhere else.
    const headline = verdict.pass ? /^PASSED/m : new RegExp(`^FAILED \\(exit 99\\): ${failed[0].id}`, 'm');
    expect(run.stdout).toMatch(headline);
    expect(run.stdout).toMatch(/injected at \+\d/);
    const junit = read('junit.xml');
    for (const id of ids) expect(junit).toContain(`name="${id}"`);
    expect(junit).toContain(`failures="${failed.length}"`);
    const markdown = read('report.md');
    expect(markdown).toContain(verdict.pass ? 'PASSED' : 'FAILED');
    expect(readFileSync(stepSummary, 'utf8')).toBe(`${markdown}\n`);
    const html = read('report.html');
    // Self-contained: nothing to fetch (the Chromium test checks that no request leaves the page).
    expect(html).not.toMatch(/(src|href)=["']?https?:|url\(\s*["']?https?:|<script[^>]+src=/);
    const history = readFileSync(path.join(resultsRoot, 'history.ndjson'), 'utf8').trim().split('\n');
    expect(JSON.parse(history.at(-1)!)).toMatchObject({ runId: 'spike-chaos', pass: verdict.pass });
  });

  test('npm run report rebuilds the same verdict from the folder, and the history page', async () => {
    const before = JSON.parse(read('verdict.json'));
    const rebuilt = await npmRun(['report', '--', 'spike-chaos', '--results-dir', resultsRoot]);
    expect(rebuilt.code, rebuilt.stderr).toBe(before.exitCode);
    const after = JSON.parse(read('verdict.json'));
    expect(after.criteria).toEqual(before.criteria);
    expect(after.analysis).toEqual(before.analysis);
    const history = await npmRun(['report', '--', '--history', '--results-dir', resultsRoot]);
    expect(history.code, history.stderr).toBe(0);
    expect(readFileSync(path.join(resultsRoot, 'history.html'), 'utf8')).toContain('spike-chaos');
    const missing = await npmRun(['report', '--', 'no-such-run', '--results-dir', resultsRoot]);
    expect(missing.code).toBe(104);
    expect(missing.stderr).toMatch(/no run folder "no-such-run"/);
  });
});
