// Phase 4, start target: the embedded stand-in (unless --target names a real one) on the ports asked
// for (C4ANG_PERF_STANDIN_*_PORT, else any free ones), its processes recorded in the live-run file
// (so a crash never orphans them) and its memory sampled for the verdict; its admin address is kept,
// because Prometheus tells the run's own stand-in from any other by that scrape target. Pushes: stop
// target, stop sampling. Runs in: Node.
import type { RunConfig } from '../../config.ts';
import { startTarget } from '../../target/index.ts';
import { STANDIN_ADMIN_PORT_ENV, STANDIN_GATEWAY_PORT_ENV } from '../../target/standin-ports.ts';
import { nominalDurationMs } from '../../vu/options.ts';
import { PROFILES } from '../../vu/profiles.ts';
import type { CleanupStack } from '../cleanup-stack.ts';
import type { LiveRunHandle } from '../live-runs.ts';
import { sampleTargetMemory } from '../sample-target-memory.ts';

export interface RunTarget {
  readonly baseUrl: string;
  /**
   * The embedded target's admin API: the local chaos provider acts there, and Prometheus labels the
   * stand-in's one scrape with its address. Absent for a real target.
   */
  readonly adminUrl?: string;
}

/** How often the live-run file's list of stand-in processes is refreshed (replicas restart). */
const PROCESS_LIST_EVERY_MS = 5000;

export async function startRunTarget(
  config: RunConfig,
  cleanup: CleanupStack,
  liveRun: LiveRunHandle,
  log: (line: string) => void,
): Promise<RunTarget> {
  if (config.targetUrl) return { baseUrl: config.targetUrl };
  log('starting the embedded C4ang stand-in (gateway + 6 services × 2 replicas)…');
  const target = await startTarget({
    ...config.standinPorts,
    portNames: { port: STANDIN_GATEWAY_PORT_ENV, adminPort: STANDIN_ADMIN_PORT_ENV },
    slowdown: config.standinSlowdown,
  });
  cleanup.push('stop embedded target', () => target.stop());
  await liveRun.setProcesses('stand-in', target.pids());
  // Best effort while load runs: a full disk must not crash the run over bookkeeping.
  const refresh = setInterval(
    () => liveRun.setProcesses('stand-in', target.pids()).catch(() => undefined),
    PROCESS_LIST_EVERY_MS,
  );
  cleanup.push('stop recording stand-in processes', () => clearInterval(refresh));
  const scales = { loadScale: config.loadScale, vuScale: config.vuScale };
  // About 200 memory samples per replica over the run, never more often than every 2 s.
  const sampleEveryMs = Math.max(2000, nominalDurationMs(PROFILES[config.profile], scales) / 200);
  cleanup.push(
    'stop sampling target memory',
    sampleTargetMemory(config.resultsDir, target.replicas, sampleEveryMs),
  );
  log(`target ready at ${target.baseUrl} (admin ${target.adminUrl})`);
  return { baseUrl: target.baseUrl, adminUrl: target.adminUrl };
}
