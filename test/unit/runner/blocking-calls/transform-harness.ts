// Test helpers for the blocking-call transform: bundle a snippet as k6-local does, transform it, and
// run the result against fake k6 modules whose blocking functions resolve only after a few event-loop
// turns and log when they start and end — so a call left without `await` shows up as a wrong value
// or as work that overlaps where it must not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import {
  awaitBlockingCalls,
  type BlockingCallsOutcome,
} from '../../../../src/runner/blocking-calls/await-blocking-calls.ts';
import {
  BLOCKING_RUNTIME,
  TRANSFORMED_CALLBACK,
} from '../../../../src/runner/blocking-calls/blocking-runtime.ts';
import { bundleScript, compileScript } from '../../../../src/runner/load-script.ts';

const dir = mkdtempSync(join(tmpdir(), 'blocking-transform-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

/** Write `files` (the first is the entry), bundle and transform it. */
export async function transform(
  files: Record<string, string> | string,
): Promise<BlockingCallsOutcome & { path: string }> {
  const entries = typeof files === 'string' ? { 'script.js': files } : files;
  const folder = join(dir, String(++count));
  const names = Object.keys(entries);
  for (const name of names) {
    const path = join(folder, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, entries[name]!);
  }
  const path = join(folder, names[0]!);
  return { ...awaitBlockingCalls(await bundleScript(path), path), path };
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

export interface FakeResponse {
  status: number;
  url: string;
  json(key?: string): unknown;
}

/** Fake `k6`, `k6/http` and `k6/timers` modules for a transformed script; `log` records what ran when. */
export function fakeK6(log: string[]) {
  const respond = async (method: string, url: unknown): Promise<FakeResponse> => {
    log.push(`${method} ${String(url)}`);
    await turns(3);
    log.push(`${method} ${String(url)} done`);
    return { status: 200, url: String(url), json: (key?: string) => (key ? `${key}-of-${String(url)}` : {}) };
  };
  const http = {
    get: (url: unknown) => respond('GET', url),
    post: (url: unknown) => respond('POST', url),
    del: (url: unknown) => respond('DELETE', url),
    request: (method: string, url: unknown) => respond(method, url),
    batch: async (requests: unknown[]) => Promise.all(requests.map((r) => respond('BATCH', r))),
    asyncRequest: (method: string, url: unknown) => respond(`ASYNC ${method}`, url),
  };
  const k6 = {
    sleep: async (seconds: number) => {
      log.push(`sleep ${seconds}`);
      await turns(2);
      log.push(`slept ${seconds}`);
    },
    check: (value: unknown, sets: Record<string, (v: unknown) => unknown>) => {
      let ok = true;
      for (const [name, fn] of Object.entries(sets)) {
        const result = fn(value);
        if (result instanceof Promise) throw new Error('check() does not support async functions');
        log.push(`check ${name} ${result ? 'ok' : 'failed'}`);
        ok &&= !!result;
      }
      return ok;
    },
    group: (name: string, fn: () => unknown, marker?: unknown) => {
      log.push(`group ${name}${marker === TRANSFORMED_CALLBACK ? ' (made async)' : ''}`);
      const result = fn();
      if (result instanceof Promise) {
        if (marker !== TRANSFORMED_CALLBACK) throw new Error('group() does not support async functions');
        return result.finally(() => log.push(`end ${name}`));
      }
      log.push(`end ${name}`);
      return result;
    },
  };
  const modules: Record<string, unknown> = {
    k6,
    'k6/http': { ...http, default: http },
    'k6/timers': { setTimeout, clearTimeout, setInterval, clearInterval },
  };
  return (name: string) => {
    if (!(name in modules)) throw new Error(`no module ${name}`);
    return modules[name];
  };
}

/** Instantiate a transformed script with fake modules; returns its exports and the event log. */
export function instantiate(outcome: BlockingCallsOutcome & { path: string }) {
  const log: string[] = [];
  const script = compileScript(outcome.path, outcome.code, outcome.kind === 'awaited');
  const module = { exports: {} as Record<string, (...args: unknown[]) => unknown> };
  const console = { log: (...args: unknown[]) => log.push(`log ${args.join(' ')}`) };
  script.factory(
    fakeK6(log),
    module,
    module.exports,
    { id: 1, iter: 0, env: { BASE: 'http://x' } },
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    BLOCKING_RUNTIME,
  );
  return { exports: module.exports, log };
}

/** Transform `source` (must succeed), run `exportName`, and return its result and the log. */
export async function runTransformed(
  files: Record<string, string> | string,
  exportName = 'default',
  ...args: unknown[]
): Promise<{ result: unknown; log: string[]; outcome: BlockingCallsOutcome }> {
  const outcome = await transform(files);
  if (outcome.kind !== 'awaited')
    throw new Error(`expected the transform to apply, got ${outcome.kind}: ${JSON.stringify(outcome)}`);
  const { exports, log } = instantiate(outcome);
  const result = await exports[exportName]!(...args);
  return { result, log, outcome };
}
