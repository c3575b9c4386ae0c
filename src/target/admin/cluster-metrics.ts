// kube-state-metrics-style series for the stand-in (available replicas per deployment, restarts and
// resource requests per pod), so resource criteria can be evaluated locally with the same names.
// Runs in: Node (parent).
import { SERVICES } from '../../vu/services.ts';
import { NAMESPACE } from '../defaults.ts';
import { MetricsRegistry } from '../metrics.ts';
import type { ReplicaInfo } from '../types.ts';

/** Requests of every C4ang pod (DESIGN.md §1): 50m CPU, 64Mi memory. */
const CPU_REQUEST_CORES = 0.05;
const MEMORY_REQUEST_BYTES = 64 * 1024 * 1024;

export function renderClusterMetrics(replicas: readonly ReplicaInfo[]): string {
  const registry = new MetricsRegistry();
  registry.collect(
    'kube_deployment_status_replicas_available',
    'Ready replicas per deployment.',
    'gauge',
    () =>
      SERVICES.map((s) => [
        { namespace: NAMESPACE, deployment: s.app },
        replicas.filter((r) => r.service === s.name && r.state === 'ready').length,
      ]),
  );
  registry.collect('kube_pod_container_status_restarts_total', 'Container restarts per pod.', 'counter', () =>
    replicas.map((r) => [{ namespace: NAMESPACE, pod: r.name, container: r.labels.app }, r.restarts]),
  );
  registry.collect('kube_pod_container_resource_requests', 'Resource requests per container.', 'gauge', () =>
    replicas.flatMap((r): [Record<string, string>, number][] => [
      [
        { namespace: NAMESPACE, pod: r.name, container: r.labels.app, resource: 'cpu', unit: 'core' },
        CPU_REQUEST_CORES,
      ],
      [
        { namespace: NAMESPACE, pod: r.name, container: r.labels.app, resource: 'memory', unit: 'byte' },
        MEMORY_REQUEST_BYTES,
      ],
    ]),
  );
  return registry.render();
}
