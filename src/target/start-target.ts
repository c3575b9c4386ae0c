// startTarget: bring up the embedded C4ang (admin API, gateway, 6 services × N replicas) and return
// a handle whose stop() drains and kills every child. A busy port fails with a TargetError naming it.
// Runs in: Node (parent: the orchestration or scripts/target.ts).
import type { Server } from 'node:http';
import { TargetError } from '../errors.ts';
import { createAdminServer } from './admin-api.ts';
import { CUSTOMER_COUNT } from '../vu/services.ts';
import { prepareChildCommands } from './supervisor/child-entry.ts';
import { Supervisor } from './supervisor/supervisor.ts';
import { describeStandinV2 } from './standin-v2.ts';
import { describeStandinSecurity } from './security/standin-security.ts';
import { resolveTargetOptions } from './target-options.ts';
import type { ReplicaInfo, TargetOptions } from './types.ts';

export interface RunningTarget {
  /** Gateway URL, e.g. 'http://127.0.0.1:8080'. */
  baseUrl: string;
  /** Admin API URL, e.g. 'http://127.0.0.1:8090'. */
  adminUrl: string;
  replicas(): ReplicaInfo[];
  /** Every child process running now (gateway and replicas), for crash bookkeeping. */
  pids(): number[];
  /** Graceful: drains, then kills; idempotent; leaves no process behind. */
  stop(): Promise<void>;
  /** Time from the call to all replicas ready, ms. */
  startupMs: number;
  /** The gateway's edge rules in force (the bearer token among them), as asked for; undefined: off. */
  security: TargetOptions['security'];
}

/** How long any one process may take to become ready, ms. */
const READY_TIMEOUT_MS = 20_000;

export async function startTarget(options?: TargetOptions): Promise<RunningTarget> {
  const startedAt = performance.now();
  const settings = resolveTargetOptions(options);
  const { host, log } = settings;
  if (settings.slowdown !== 1)
    log(`slowdown ×${settings.slowdown}: every service's simulated latency scaled`);
  if (settings.security) log(`gateway edge rules: ${describeStandinSecurity(options?.security)}`);
  if (settings.v2) log(`${describeStandinV2(settings.v2)}, routed by header at the gateway`);
  const commands = await prepareChildCommands(log);
  const supervisor = new Supervisor({
    commands,
    host,
    port: settings.port,
    replicasPerService: settings.replicasPerService,
    restartDelayMs: settings.restartDelayMs,
    readyTimeoutMs: READY_TIMEOUT_MS,
    policy: settings.policy,
    v2: settings.v2,
    replicaConfig: {
      latency: settings.latency,
      drainTimeoutMs: settings.drainTimeoutMs,
      customerCount: CUSTOMER_COUNT,
      ...(settings.security?.meshIdentity ? { meshIdentity: settings.security.meshIdentity } : {}),
    },
    ...(settings.security ? { gatewaySecurity: settings.security } : {}),
    log,
  });
  const admin = createAdminServer(supervisor);
  const killLeftovers = () => {
    for (const pid of supervisor.pids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', killLeftovers);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await supervisor.stop();
      await new Promise<void>((resolve) => admin.close(() => resolve()));
      admin.closeAllConnections();
      process.off('exit', killLeftovers);
      log('embedded target stopped');
    })();
    return stopping;
  };
  const names = { port: '--port', adminPort: '--admin-port', ...options?.portNames };
  try {
    const adminPort = await listen(admin, host, settings.adminPort, 'admin API', names.adminPort);
    const { gatewayPort } = await supervisor.start().catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw busyPort('gateway', host, settings.port, names.port, error);
      throw new TargetError(`embedded target failed to start: ${error.message}`, { cause: error });
    });
    // The caller announces readiness (one ready line, in its own words): startupMs says how long.
    const startupMs = Math.round(performance.now() - startedAt);
    return {
      baseUrl: formatUrl(host, gatewayPort),
      adminUrl: formatUrl(host, adminPort),
      replicas: () => supervisor.replicas(),
      pids: () => supervisor.pids(),
      stop,
      startupMs,
      security: settings.security ? options?.security : undefined,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listen(server: Server, host: string, port: number, what: string, flag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? busyPort(what, host, port, flag, error)
          : new TargetError(`${what} could not listen: ${error.message}`, { cause: error }),
      ),
    );
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function busyPort(what: string, host: string, port: number, flag: string, cause: unknown): TargetError {
  return new TargetError(
    `${what} port ${port} on ${host} is already in use; stop what holds it or choose another with ${flag}`,
    { cause },
  );
}

export function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
