// Starts `k6 run` the one way both k6 paths need it (k6-binary-engine.ts, k6-stream/run-k6-streamed.ts):
// in its own process group, so a terminal's Ctrl-C reaches it once, from us — k6 handles one SIGINT
// itself (stops, runs teardown, exits 105) but exits at once on a second; output straight to the
// terminal; its pid recorded for crash bookkeeping; nothrow, since k6's exit code is the result.
// Runs in: Node.
import { $, type ProcessPromise } from 'zx';
import type { EngineRequest } from './types.ts';

export function spawnK6(
  k6Path: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  request: Pick<EngineRequest, 'onSpawn'>,
): ProcessPromise {
  const child = $({
    nothrow: true,
    quiet: false,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    killSignal: 'SIGINT',
    env,
  })`${k6Path} ${args}`;
  if (child.pid !== undefined) request.onSpawn?.(child.pid);
  return child;
}
