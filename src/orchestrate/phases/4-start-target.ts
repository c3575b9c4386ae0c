// Phase 4, start target: the embedded stand-in (unless --target names a real one) on the ports asked
// for (C4ANG_PERF_STANDIN_*_PORT, else any free ones), its processes recorded in the live-run file
// (so a crash never orphans them) and its memory sampled for the verdict; its admin address is kept,
// because Prometheus tells the run's own stand-in from any other by that scrape target. With
// C4ANG_PERF_STANDIN_SECURITY=on its gateway's security rules are on, and the token it accepts is kept
// for the VUs. With C4ANG_PERF_STANDIN_V2 it runs a v2 of one service, routed on the canary run's
// header. Pushes: stop target, stop sampling. Runs in: Node.
import type { RunConfig } from '../../config.ts';
import { startTarget } from '../../target/index.ts';
import { STANDIN_ADMIN_PORT_ENV, STANDIN_GATEWAY_PORT_ENV } from '../../target/standin-ports.ts';
import { standinSecurityFor } from '../../target/security/run-security.ts';
import { describeStandinSecurity, type StandinSecurity } from '../../target/security/standin-security.ts';
import { describeStandinV2, withV2Header } from '../../target/standin-v2.ts';
import { canaryHeaderOf } from '../../canary/canary-env.ts';
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
  /** The embedded target's edge rules (C4ANG_PERF_STANDIN_SECURITY=on), its token among them. */
  readonly security?: StandinSecurity;
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
  // C4ANG_PERF_STANDIN_V2: routed on the canary run's header (the plan's x-version: v2 otherwise).
  const v2 = config.standinV2 && withV2Header(config.standinV2, canaryHeaderOf(config.canary));
  if (v2) log(`the stand-in runs a ${describeStandinV2(v2)}`);
  const target = await startTarget({
    ...config.standinPorts,
    portNames: { port: STANDIN_GATEWAY_PORT_ENV, adminPort: STANDIN_ADMIN_PORT_ENV },
    slowdown: config.standinSlowdown,
    security: standinSecurityFor(config),
    ...(v2 ? { v2 } : {}),
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
  // The token is never shown: the VUs get it in their environment (phase 5).
  if (target.security)
    log(
      `stand-in security rules on: ${describeStandinSecurity(target.security)}${config.authToken ? '' : ' (development token handed to the VUs)'}`,
    );
  return {
    baseUrl: target.baseUrl,
    adminUrl: target.adminUrl,
    ...(target.security ? { security: target.security } : {}),
  };
}
