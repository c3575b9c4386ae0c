// Entry of one replica process (a pod of one service): waits for its config over IPC, serves the
// service's API, drains on SIGTERM/SIGINT and exits when the supervisor's IPC channel closes.
// Runs in: Node (replica child process, spawned by the supervisor).
import type { ChildToParent, ParentToChild, ReplicaConfig } from '../ipc-messages.ts';
import { MetricsRegistry, collectProcessMetrics } from '../metrics.ts';
import { type StoreReply, createStoreClient } from '../store/store-client.ts';
import { SERVICES } from '../../vu/services.ts';
import { createLatencySimulator } from './latency.ts';
import { createReplicaServer } from './replica-server.ts';
import { createServiceCaller } from './service-caller.ts';
import { createServiceHandler } from './service-registry.ts';

const send = (message: ChildToParent) => {
  if (process.connected) process.send?.(message);
};
const log = (line: string) => process.stderr.write(`${line}\n`);

process.on('disconnect', () => process.exit(0));
process.once('message', (message: ParentToChild) => {
  if (message.type === 'init') start(message.config as ReplicaConfig);
});

function start(config: ReplicaConfig): void {
  const definition = SERVICES.find((s) => s.name === config.service);
  if (!definition) throw new Error(`unknown service ${config.service}`);
  const store = createStoreClient((m) => send(m as ChildToParent));
  process.on('message', (message: ParentToChild) => {
    if (message.type === 'store-reply') store.handleReply(message as StoreReply);
  });
  const caller = createServiceCaller(config.gatewayUrl, config.service, undefined, config.meshIdentity);
  const metrics = new MetricsRegistry();
  collectProcessMetrics(metrics, config.podLabels);
  const handler = createServiceHandler(config.service, {
    store: store.client,
    simulate: createLatencySimulator(config.latency),
    callService: caller.call,
    customerCount: config.customerCount,
  });
  const replica = createReplicaServer({
    service: config.service,
    pod: config.name,
    prefix: definition.prefix,
    handler,
    metrics,
    log,
  });
  let draining = false;
  const drain = async () => {
    if (draining) return;
    draining = true;
    send({ type: 'draining' });
    await replica.drain(config.drainTimeoutMs);
    caller.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void drain());
  process.on('SIGINT', () => void drain());
  listen(replica.server, config.host, config.port, true);
}

function listen(
  server: ReturnType<typeof createReplicaServer>['server'],
  host: string,
  port: number,
  mayFallBack: boolean,
): void {
  server.once('error', (error: NodeJS.ErrnoException) => {
    // A restarted replica asks for its old port; if something took it meanwhile, any port will do.
    if (mayFallBack && port !== 0 && error.code === 'EADDRINUSE') return listen(server, host, 0, false);
    send({ type: 'listen-error', code: error.code ?? 'UNKNOWN', message: error.message });
    setTimeout(() => process.exit(1), 50);
  });
  server.listen(port, host, () => {
    const address = server.address();
    send({ type: 'listening', port: typeof address === 'object' && address ? address.port : port });
  });
}
