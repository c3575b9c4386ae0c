// kube-state-metrics-style series for the stand-in (spec and available replicas per deployment,
// restarts, resource requests and limits per pod), so the resource criteria and the PodDown alert
// can be evaluated locally with the names and labels the platform's queries select. Runs in: Node
// (parent).
import { SERVICES } from '../../vu/services.ts';
import { NAMESPACE } from '../defaults.ts';
import { MetricsRegistry } from '../metrics.ts';
import type { ReplicaInfo } from '../types.ts';

type Series = [Record<string, string>, number];

/** Requests of every C4ang pod (DESIGN.md §1): 50m CPU, 64Mi memory. */
export const CPU_REQUEST_CORES = 0.05;
export const MEMORY_REQUEST_BYTES = 64 * 1024 * 1024;
/**
 * Limits: DESIGN.md gives requests only, so these are our choice — 500m CPU (10× the request, a
 * common burstable ratio) and 256Mi memory (4×). A stand-in replica's working set is about 50 MB
 * (~20 % of the limit), so the normal profile's "memory below 60 % of limits" holds on a healthy one.
 */
export const CPU_LIMIT_CORES = 0.5;
export const MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;

/** cpu and memory series of one kind (requests or limits) for every pod, as kube-state-metrics labels them. */
function perResource(replicas: readonly ReplicaInfo[], cpuCores: number, memoryBytes: number): Series[] {
  return replicas.flatMap((r): Series[] => {
    const pod = { namespace: NAMESPACE, pod: r.name, container: r.labels.app ?? r.service };
    return [
      [{ ...pod, resource: 'cpu', unit: 'core' }, cpuCores],
      [{ ...pod, resource: 'memory', unit: 'byte' }, memoryBytes],
    ];
  });
}

export function renderClusterMetrics(replicas: readonly ReplicaInfo[]): string {
  const registry = new MetricsRegistry();
  const perDeployment = (count: (service: string) => number) => () =>
    SERVICES.map((s): Series => [{ namespace: NAMESPACE, deployment: s.app }, count(s.name)]);
  // Every replica the supervisor keeps is one the Deployment wants, whatever its state now.
  registry.collect(
    'kube_deployment_spec_replicas',
    'Desired replicas per deployment.',
    'gauge',
    perDeployment((service) => replicas.filter((r) => r.service === service).length),
  );
  registry.collect(
    'kube_deployment_status_replicas_available',
    'Ready replicas per deployment.',
    'gauge',
    perDeployment((service) => replicas.filter((r) => r.service === service && r.state === 'ready').length),
  );
  registry.collect('kube_pod_container_status_restarts_total', 'Container restarts per pod.', 'counter', () =>
    replicas.map((r) => [{ namespace: NAMESPACE, pod: r.name, container: r.labels.app }, r.restarts]),
  );
  registry.collect('kube_pod_container_resource_requests', 'Resource requests per container.', 'gauge', () =>
    perResource(replicas, CPU_REQUEST_CORES, MEMORY_REQUEST_BYTES),
  );
  registry.collect('kube_pod_container_resource_limits', 'Resource limits per container.', 'gauge', () =>
    perResource(replicas, CPU_LIMIT_CORES, MEMORY_LIMIT_BYTES),
  );
  return registry.render();
}
