// Runs a bundle on the k6-compatible local runner, in process; with K6_PROMETHEUS_RW_SERVER_URL set
// it pushes to Prometheus as real k6 does under the harness. Runs in: Node.
import { runLocal } from '../runner/run.ts';
import { remoteWriteEnabled, withRemoteWriteDefaults } from './remote-write-env.ts';
import type { Engine, EngineResult } from './types.ts';

export function createLocalEngine(reason: string): Engine {
  return {
    name: 'local',
    reason,
    async run(request): Promise<EngineResult> {
      const outputEnv = withRemoteWriteDefaults({ ...process.env, ...request.env });
      const result = await runLocal({
        scriptPath: request.bundlePath,
        env: { ...request.env },
        timeSeriesPath: request.timeSeriesPath,
        prometheusRemoteWrite: remoteWriteEnabled(outputEnv),
        outputEnv,
        signal: request.signal,
        quiet: request.quiet,
        progress: !request.quiet && process.stderr.isTTY === true,
        ...(request.workers ? { workers: request.workers } : {}),
      });
      return { engine: 'local', exitCode: result.exitCode, durationMs: result.durationMs };
    },
  };
}
