// The stand-in's kube-state-style series (requests, limits, desired and available replicas) carry
// the names and labels the platform's queries select, and `/metrics/cluster` merges every replica's
// cAdvisor-style families into one scrape without repeating a family's HELP/TYPE.
import { describe, expect, it } from 'vitest';
import {
  CPU_LIMIT_CORES,
  MEMORY_LIMIT_BYTES,
  renderClusterMetrics,
} from '../../../src/target/admin/cluster-metrics.ts';
import { mergeFamilies } from '../../../src/target/admin/federated-metrics.ts';
import { collectProcessMetrics, MetricsRegistry } from '../../../src/target/metrics.ts';
import { containerLabels, podLabels, podName } from '../../../src/target/supervisor/pod-identity.ts';
import type { ReplicaInfo, ReplicaState } from '../../../src/target/types.ts';
import { SERVICES } from '../../../src/vu/services.ts';

const order = SERVICES.find((s) => s.name === 'order-service')!;

function replica(index: number, state: ReplicaState): ReplicaInfo {
  return {
    name: podName(order.name, index),
    service: order.name,
    labels: podLabels(order),
    namespace: 'ecommerce',
    pid: 100 + index,
    port: 4000 + index,
    state,
    restarts: 0,
    startedAt: '2026-12-02T00:00:00.000Z',
    metricsUrl: `http://127.0.0.1:${4000 + index}/metrics`,
  };
}

describe('kube-state-style series', () => {
  const text = renderClusterMetrics([replica(0, 'ready'), replica(1, 'starting')]);
  const pod = podName('order-service', 0);

  it('pods are named so the plan pod=~"order-service-.*" selects them, in namespace ecommerce', () => {
    expect(pod).toMatch(/^order-service-[a-z0-9]+-[a-z0-9]+$/);
    expect(text).toContain(
      `kube_pod_container_resource_requests{namespace="ecommerce",pod="${pod}",container="order-api",resource="cpu",unit="core"} 0.05`,
    );
  });

  it('limits per pod: 500m CPU, 256Mi memory', () => {
    expect(CPU_LIMIT_CORES).toBe(0.5);
    expect(MEMORY_LIMIT_BYTES).toBe(268_435_456);
    expect(text).toContain('# TYPE kube_pod_container_resource_limits gauge');
    expect(text).toContain(
      `kube_pod_container_resource_limits{namespace="ecommerce",pod="${pod}",container="order-api",resource="memory",unit="byte"} 268435456`,
    );
  });

  it('desired replicas count every replica; available only the ready ones (PodDown compares them)', () => {
    expect(text).toContain('kube_deployment_spec_replicas{namespace="ecommerce",deployment="order-api"} 2');
    expect(text).toContain(
      'kube_deployment_status_replicas_available{namespace="ecommerce",deployment="order-api"} 1',
    );
    expect(text).toContain(
      'kube_deployment_spec_replicas{namespace="ecommerce",deployment="customer-api"} 0',
    );
  });
});

describe('mergeFamilies (the /metrics/cluster federation)', () => {
  const replicaText = (index: number) => {
    const registry = new MetricsRegistry();
    registry.increment('http_requests_total', 'Requests served.', { status: '200' });
    collectProcessMetrics(registry, containerLabels(order, podName(order.name, index)));
    return registry.render();
  };

  it('keeps the container_* families of every replica under one HELP and TYPE each', () => {
    const families = new Map();
    for (const index of [0, 1])
      mergeFamilies(replicaText(index), families, (name) => name.startsWith('container_'));
    expect([...families.keys()]).toEqual([
      'container_cpu_usage_seconds_total',
      'container_memory_working_set_bytes',
    ]);
    const cpu = families.get('container_cpu_usage_seconds_total');
    expect(cpu).toMatchObject({ type: 'counter', help: 'CPU time of the pod container, seconds.' });
    expect(cpu.samples).toHaveLength(2);
    expect(cpu.samples[1]).toMatch(
      new RegExp(
        `^container_cpu_usage_seconds_total\\{namespace="ecommerce",pod="${podName(order.name, 1)}",container="order-api"\\} [0-9.]+$`,
      ),
    );
  });
});
