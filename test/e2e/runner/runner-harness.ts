// Test helpers for the runner e2e tier: a tiny node:http target on port 0 with a configurable
// delay, and a way to run a k6 script text through runLocal() with captured output.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type LocalRunOptions, type LocalRunResult, runLocal } from '../../../src/runner/run.ts';

export interface TestTarget {
  url: string;
  /** Requests answered so far. */
  readonly hits: number;
  setDelayMs(ms: number): void;
  stop(): Promise<void>;
}

/** GET/POST anything → 200 JSON `{ ok: true, path }` after `delayMs`; `/status/<n>` answers with n. */
export async function startTarget(delayMs = 0): Promise<TestTarget> {
  let delay = delayMs;
  let hits = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = Number(/^\/status\/(\d+)/.exec(req.url ?? '')?.[1] ?? 200);
      const send = () => {
        hits++;
        res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'abc' });
        res.end(JSON.stringify({ ok: true, path: req.url, items: [{ id: 7 }] }));
      };
      if (delay > 0) setTimeout(send, delay);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return hits;
    },
    setDelayMs: (ms) => {
      delay = ms;
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ScriptRun extends LocalRunResult {
  stdout: string;
  stderr: string;
  /** The file the script text was written to (and run from). */
  scriptPath: string;
}

export class ScriptDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'k6-local-e2e-'));
  #count = 0;
  write(source: string, ext = 'js'): string {
    const path = join(this.dir, `script-${++this.#count}.${ext}`);
    writeFileSync(path, source);
    return path;
  }
  path(name: string): string {
    return join(this.dir, name);
  }
  async run(source: string, options: Omit<LocalRunOptions, 'scriptPath'> = {}): Promise<ScriptRun> {
    let stdout = '';
    let stderr = '';
    const scriptPath = this.write(source);
    const result = await runLocal({
      scriptPath,
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      ...options,
    });
    return { ...result, stdout, stderr, scriptPath };
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A metric value from handleSummary data (0 when absent). */
export function metricValue(result: LocalRunResult, key: string, stat: string): number {
  return result.summaryData.metrics[key]?.values[stat] ?? 0;
}

/** One test file's target: started before its tests, stopped after them with the script folder. */
export function serveTestTarget(scripts: ScriptDir, onStarted: (target: TestTarget) => void): void {
  let target: TestTarget | undefined;
  beforeAll(async () => {
    target = await startTarget();
    onStarted(target);
  });
  afterAll(async () => {
    await target?.stop();
    scripts.dispose();
  });
}
