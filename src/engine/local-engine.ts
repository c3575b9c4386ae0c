// Runs a bundle on the k6-compatible local runner, in process. Runs in: Node.
import { runLocal } from '../runner/run.ts';
import type { Engine, EngineResult } from './types.ts';

export function createLocalEngine(reason: string): Engine {
  return {
    name: 'local',
    reason,
    async run(request): Promise<EngineResult> {
      const result = await runLocal({
        scriptPath: request.bundlePath,
        env: { ...request.env },
        timeSeriesPath: request.timeSeriesPath,
        signal: request.signal,
        quiet: request.quiet,
        progress: !request.quiet && process.stderr.isTTY === true,
        ...(request.workers ? { workers: request.workers } : {}),
      });
      return { engine: 'local', exitCode: result.exitCode, durationMs: result.durationMs };
    },
  };
}
