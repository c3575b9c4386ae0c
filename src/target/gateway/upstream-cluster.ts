// One service as the gateway sees it (an Envoy cluster): its endpoints with an undici pool each, the
// connection-pool limits, outlier detection and the load-balancer pick (least request, avoiding hosts
// already tried by this request, falling back to ejected hosts when nothing else is left — Envoy's
// panic mode). Runs in: Node (gateway).
import { Pool } from 'undici';
import type { Endpoint } from '../ipc-messages.ts';
import type { RoutePolicy } from '../types.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { OutlierDetector } from './outlier-detector.ts';

export interface UpstreamHost {
  name: string;
  port: number;
  ready: boolean;
  pool: Pool;
  active: number;
}

export class UpstreamCluster {
  readonly service: string;
  readonly breaker: CircuitBreaker;
  readonly outliers: OutlierDetector;
  readonly #host: string;
  readonly #policy: RoutePolicy;
  #hosts: UpstreamHost[] = [];
  #turn = 0;

  constructor(
    service: string,
    host: string,
    policy: RoutePolicy,
    onOutlier: (replica: string, ejected: boolean) => void,
  ) {
    this.service = service;
    this.#host = host;
    this.#policy = policy;
    this.breaker = new CircuitBreaker(policy);
    this.outliers = new OutlierDetector(policy, onOutlier);
  }

  get hosts(): readonly UpstreamHost[] {
    return this.#hosts;
  }

  /** Apply the supervisor's endpoint list; a host whose port changed gets a fresh pool. */
  setEndpoints(endpoints: readonly Endpoint[]): void {
    const next: UpstreamHost[] = [];
    for (const endpoint of endpoints) {
      const existing = this.#hosts.find((h) => h.name === endpoint.name);
      if (existing && existing.port === endpoint.port) {
        existing.ready = endpoint.ready;
        next.push(existing);
        continue;
      }
      if (existing) void existing.pool.destroy().catch(() => undefined);
      next.push({
        name: endpoint.name,
        port: endpoint.port,
        ready: endpoint.ready,
        pool: this.#createPool(endpoint.port),
        active: 0,
      });
    }
    for (const old of this.#hosts) if (!next.includes(old)) void old.pool.destroy().catch(() => undefined);
    this.#hosts = next;
    this.outliers.setHosts(next.map((h) => h.name));
  }

  /** Least-request pick among ready, non-ejected hosts not tried yet; undefined = no healthy upstream. */
  pick(tried: ReadonlySet<string>): UpstreamHost | undefined {
    const ready = this.#hosts.filter((h) => h.ready && h.port > 0);
    const healthy = ready.filter((h) => !this.outliers.isEjected(h.name));
    const untried = healthy.filter((h) => !tried.has(h.name));
    const candidates = untried.length ? untried : healthy.length ? healthy : ready;
    if (candidates.length === 0) return undefined;
    this.#turn = (this.#turn + 1) % candidates.length;
    let best = candidates[this.#turn];
    for (const host of candidates) if (host.active < best.active) best = host;
    return best;
  }

  async close(): Promise<void> {
    await Promise.all(this.#hosts.map((h) => h.pool.destroy().catch(() => undefined)));
    this.#hosts = [];
  }

  #createPool(port: number): Pool {
    return new Pool(`http://${this.#host}:${port}`, {
      connections: this.#policy.maxConnections,
      pipelining: 1,
      keepAliveTimeout: 4000,
      connectTimeout: 2000,
      maxRequestsPerClient:
        this.#policy.maxRequestsPerConnection > 0 ? this.#policy.maxRequestsPerConnection : undefined,
    });
  }
}
