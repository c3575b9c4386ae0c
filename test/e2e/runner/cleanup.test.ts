// runLocal() closes what it opened on every path: when writing the summary throws, the worker
// threads, the sync-HTTP helper thread, timers and sockets are gone once the promise settles, as
// after a clean run. Threads are counted from /proc (Linux): a Node Worker is an OS thread, listed
// nowhere else. The CLI side (the process exits by itself) is in cli.test.ts.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScriptDir, type TestTarget, serveTestTarget } from './runner-harness.ts';

let target: TestTarget;
const scripts = new ScriptDir();
serveTestTarget(scripts, (started) => {
  target = started;
});

const threads = () => readdirSync('/proc/self/task').length;

/** Thread count once it stops falling (terminated workers are joined asynchronously). */
async function settledThreads(atMost?: number): Promise<number> {
  let last = threads();
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = threads();
    if (now === last && (atMost === undefined || now <= atMost)) return now;
    last = now;
  }
  return last;
}

// setup()'s blocking http.get starts the main thread's sync-HTTP helper thread. It asks a closed port:
// the target lives on this thread, which the blocking call holds.
const script = (summaryPath: string) => `import http from 'k6/http';
export const options = { vus: 4, iterations: 8 };
export function setup() { http.get('http://127.0.0.1:1/setup'); }
export default async function () { await http.asyncRequest('GET', __ENV.BASE + '/cleanup'); }
export function handleSummary(data) { return { '${summaryPath}': JSON.stringify(data.state) }; }`;

describe.runIf(process.platform === 'linux')('runner cleanup', () => {
  it('a throw while writing the summary leaves no worker or helper thread behind', async () => {
    const env = { BASE: target.url };
    // A clean run first: lazily created process-wide threads (libuv pool…) are in the baseline.
    const clean = await scripts.run(script(scripts.path('ok.json')), { env, workers: 2 });
    expect(clean.exitCode).toBe(0);
    const baseline = await settledThreads();

    await expect(
      scripts.run(script('/dev/null/cannot/summary.json'), {
        env,
        workers: 2,
        timeSeriesPath: scripts.path('s.ndjson'),
      }),
    ).rejects.toThrow(/ENOTDIR|not a directory/i);
    expect(await settledThreads(baseline)).toBeLessThanOrEqual(baseline);
  });
});
