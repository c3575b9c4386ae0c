// `npm run target` as a user runs it: ready line, SIGINT stops every child gracefully (exit 0), and a
// parent killed with SIGKILL still leaves no replica behind (children exit when IPC closes).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { call, waitFor } from './target-client.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let parent: ChildProcess | undefined;

afterEach(() => {
  if (parent && parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
});

async function startScript(): Promise<{ adminUrl: string; baseUrl: string; pids: number[] }> {
  parent = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/target.ts', '--port', '0', '--admin-port', '0', '--quiet'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  parent.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const match = await waitFor(
    'ready line',
    async () => /gateway (http:\S+), admin (http:\S+)/.exec(out) ?? undefined,
    30_000,
  );
  const [, baseUrl, adminUrl] = match;
  const replicas = (await call(adminUrl, 'GET', '/replicas')).json as { pid: number }[];
  const { gatewayPid } = (await call(adminUrl, 'GET', '/health')).json as { gatewayPid: number };
  return { baseUrl, adminUrl, pids: [gatewayPid, ...replicas.map((r) => r.pid)] };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('scripts/target.ts', () => {
  it('serves the products list, and SIGINT stops every process with exit code 0', async () => {
    const { baseUrl, pids } = await startScript();
    expect(pids).toHaveLength(13);
    expect(pids.every((pid) => pid > 0)).toBe(true);
    expect((await call(baseUrl, 'GET', '/api/v1/products')).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => parent!.once('exit', (code) => resolve(code)));
    parent!.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('leaves no child behind when the parent is killed with SIGKILL', async () => {
    const { pids } = await startScript();
    parent!.kill('SIGKILL');
    await waitFor('children gone', async () => pids.every((pid) => !alive(pid)), 5000);
  });
});
