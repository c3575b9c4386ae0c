// Entry of the gateway process: builds one upstream cluster per service, takes endpoint and fault
// updates from the supervisor over IPC, runs the outlier sweep, and exits when the channel closes.
// Runs in: Node (gateway child process, spawned by the supervisor).
import { SERVICES } from '../../vu/services.ts';
import type { ChildToParent, Endpoint, GatewayConfig, ParentToChild } from '../ipc-messages.ts';
import { MetricsRegistry, collectProcessMetrics } from '../metrics.ts';
import type { FaultSpec } from '../types.ts';
import { createGatewayServer } from './gateway-server.ts';
import { createGatewaySecurity } from './security/gateway-security.ts';
import { UpstreamCluster } from './upstream-cluster.ts';

const send = (message: ChildToParent) => {
  if (process.connected) process.send?.(message);
};

process.on('disconnect', () => process.exit(0));
process.once('message', (message: ParentToChild) => {
  if (message.type === 'init') start(message.config as GatewayConfig);
});

function start(config: GatewayConfig): void {
  const clusters = new Map<string, UpstreamCluster>();
  for (const s of SERVICES) {
    clusters.set(
      s.name,
      new UpstreamCluster(s.name, config.host, config.policy, (replica, ejected) =>
        send({ type: 'outlier', replica, ejected }),
      ),
    );
  }
  let faults: readonly FaultSpec[] = [];
  process.on('message', (message: ParentToChild) => {
    if (message.type === 'endpoints') applyEndpoints(clusters, message.endpoints);
    else if (message.type === 'faults') faults = message.faults;
  });
  const sweep = setInterval(() => {
    for (const cluster of clusters.values()) cluster.outliers.sweep();
  }, config.policy.ejectionIntervalMs);
  const metrics = new MetricsRegistry();
  collectProcessMetrics(metrics, {
    namespace: 'istio-system',
    pod: 'istio-ingressgateway',
    container: 'istio-proxy',
  });
  metrics.collect('envoy_cluster_upstream_rq_active', 'Requests upstream now, per service.', 'gauge', () =>
    [...clusters.values()].map((c) => [{ cluster_name: c.service }, c.breaker.active]),
  );
  metrics.collect(
    'envoy_cluster_upstream_rq_pending_active',
    'Requests waiting for a connection, per service.',
    'gauge',
    () => [...clusters.values()].map((c) => [{ cluster_name: c.service }, c.breaker.pending]),
  );
  metrics.collect(
    'envoy_cluster_outlier_detection_ejections_active',
    'Replicas ejected now, per service.',
    'gauge',
    () => [...clusters.values()].map((c) => [{ cluster_name: c.service }, c.outliers.ejectedCount()]),
  );
  const server = createGatewayServer({
    policy: config.policy,
    clusters,
    faults: () => faults,
    metrics,
    security: createGatewaySecurity(config.security),
    v2: config.v2,
  });
  const shutdown = () => {
    clearInterval(sweep);
    server.close();
    server.closeAllConnections();
    void Promise.all([...clusters.values()].map((c) => c.close())).finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  server.once('error', (error: NodeJS.ErrnoException) => {
    send({ type: 'listen-error', code: error.code ?? 'UNKNOWN', message: error.message });
    setTimeout(() => process.exit(1), 50);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    send({ type: 'listening', port: typeof address === 'object' && address ? address.port : config.port });
  });
}

function applyEndpoints(clusters: Map<string, UpstreamCluster>, endpoints: Endpoint[]): void {
  for (const cluster of clusters.values())
    cluster.setEndpoints(endpoints.filter((e) => e.service === cluster.service));
}
