// `npm run target` as a user runs it: one ready line; Ctrl-C in a terminal (SIGINT to the whole
// process group) stops every child gracefully (exit 0); SIGTERM to npm alone, as CI cancellation
// sends it, stops everything too; and a harness killed with SIGKILL leaves no replica behind.
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, isAlive, type NpmRun, npmRun } from '../npm-run.ts';
import { call, waitFor } from './target-client.ts';

let run: NpmRun | undefined;

afterEach(() => {
  run?.signalGroup('SIGKILL');
  run = undefined;
});

async function startScript(): Promise<{ baseUrl: string; pids: number[]; scriptPid: number }> {
  run = npmRun('target', ['--port', '0', '--admin-port', '0', '--quiet']);
  const started = run;
  const match = await waitFor(
    'ready line',
    async () => /gateway (http:\S+), admin (http:\S+)/.exec(started.stdout()) ?? undefined,
    30_000,
  );
  const [, baseUrl, adminUrl] = match;
  const replicas = (await call(adminUrl, 'GET', '/replicas')).json as { pid: number }[];
  const { gatewayPid } = (await call(adminUrl, 'GET', '/health')).json as { gatewayPid: number };
  // npm execs the script in place of its shell: npm's only child is the harness itself.
  const [scriptPid] = descendantsOf(started.npm.pid!);
  return { baseUrl, pids: [gatewayPid, ...replicas.map((r) => r.pid)], scriptPid: scriptPid! };
}

describe('npm run target', () => {
  it('prints one ready line, serves, and one Ctrl-C stops every process with exit 0', async () => {
    const { baseUrl, pids } = await startScript();
    expect(pids).toHaveLength(13);
    expect((await call(baseUrl, 'GET', '/api/v1/products')).status).toBe(200);
    expect(run!.stdout().match(/ready in/g)).toHaveLength(1);
    run!.signalGroup('SIGINT');
    expect(await run!.exited).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
  });

  // SIGTERM: npm forwards it (CI cancellation). SIGKILL: the script notices its parent died.
  it.each(['SIGTERM', 'SIGKILL'] as const)(
    '%s to npm alone stops the script and every child',
    async (signal) => {
      const { pids, scriptPid } = await startScript();
      process.kill(run!.npm.pid!, signal);
      await waitFor(
        'script and children gone',
        async () => [scriptPid, ...pids].every((p) => !isAlive(p)),
        30_000,
      );
    },
  );

  it('SIGKILL of the script leaves no child behind (children exit when IPC closes)', async () => {
    const { pids, scriptPid } = await startScript();
    process.kill(scriptPid, 'SIGKILL');
    await waitFor('children gone', async () => pids.every((pid) => !isAlive(pid)), 10_000);
  });
});
