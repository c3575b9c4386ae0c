// Shared by the drills: a load run started through `npm run` in a results folder of its own, and
// what a drill checks afterwards (run record, history, ledger, processes). Test helper.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type NpmRun, npmRun } from '../e2e/npm-run.ts';
import { waitFor } from '../e2e/target/target-client.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** What the drill measured, for the `npm run drills` table. */
    figures?: string;
  }
}

// Vitest exports Vite's BASE_URL ("/") into process.env; a child must not take it for the target.
const { BASE_URL: _viteBaseUrl, ...parentEnv } = process.env;

export interface DrillRun extends NpmRun {
  readonly resultsRoot: string;
  readonly runId: string;
  /** Resolves once stderr matches. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
  runJson(): Record<string, unknown>;
  history(): Record<string, unknown>[];
  ledger(): string[];
  /** Pids of the harness and everything it started (taken while it runs). */
  processes(): number[];
}

export function newResultsRoot(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `c4ang-drill-${name}-`));
}

export function startLoad(
  profile: string,
  runId: string,
  args: readonly string[],
  resultsRoot = newResultsRoot(runId),
  env: NodeJS.ProcessEnv = {},
): DrillRun {
  const run = npmRun(`load:${profile}`, ['--run-id', runId, '--results-dir', resultsRoot, ...args], {
    ...parentEnv,
    CI: 'true',
    ...env,
  });
  return {
    ...run,
    resultsRoot,
    runId,
    waitForLog: (pattern, timeoutMs = 120_000) =>
      waitFor(`log line ${pattern}`, async () => pattern.test(run.stderr()), timeoutMs).then(() => undefined),
    runJson: () => readJson(path.join(resultsRoot, runId, 'run.json')),
    history: () => readLines(path.join(resultsRoot, 'history.ndjson')),
    ledger: () => ledgerEntries(resultsRoot),
    processes: () => run.descendants(),
  };
}

export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function readLines(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Entries of the chaos ledger folder (one file per applied experiment). */
export function ledgerEntries(resultsRoot: string): string[] {
  const dir = path.join(resultsRoot, 'chaos-ledger');
  return existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')) : [];
}
