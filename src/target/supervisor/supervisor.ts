// The supervisor: the gateway, every replica (a ReplicaSet per service), the per-service stores the
// replicas reach over IPC, and the gateway faults. Pushes the endpoint list (ready = in rotation) to the
// gateway whenever a replica changes state, like the EndpointSlice controller. Runs in: Node (parent).
import { randomUUID } from 'node:crypto';
import { SERVICES } from '../../vu/services.ts';
import type { GatewaySecuritySettings } from '../gateway/security/security-settings.ts';
import type { Endpoint, ReplicaConfig } from '../ipc-messages.ts';
import { createStores } from '../store/store-dispatch.ts';
import type { FaultSpec, ReplicaInfo, RoutePolicy, StandinV2 } from '../types.ts';
import type { ChildCommand, ChildKind } from './child-entry.ts';
import { GatewayHandle } from './gateway-handle.ts';
import { ReplicaHandle } from './replica-handle.ts';

interface SupervisorSettings {
  commands: Record<ChildKind, ChildCommand>;
  host: string;
  port: number;
  replicasPerService: number;
  restartDelayMs: number;
  readyTimeoutMs: number;
  policy: RoutePolicy;
  /** A v2 of one service for the gateway to route to by header (canary runs). */
  v2?: StandinV2 | undefined;
  replicaConfig: Pick<ReplicaConfig, 'latency' | 'drainTimeoutMs' | 'customerCount' | 'meshIdentity'>;
  /** The gateway's edge rules; undefined: off. */
  gatewaySecurity?: GatewaySecuritySettings;
  log: (line: string) => void;
}

export class Supervisor {
  readonly gateway: GatewayHandle;
  readonly #settings: SupervisorSettings;
  readonly #stores = createStores();
  #replicas: ReplicaHandle[] = [];
  #faults: FaultSpec[] = [];
  #pushQueued = false;

  constructor(settings: SupervisorSettings) {
    this.#settings = settings;
    this.gateway = new GatewayHandle(
      settings.commands.gateway,
      {
        host: settings.host,
        port: settings.port,
        policy: settings.policy,
        ...(settings.gatewaySecurity ? { security: settings.gatewaySecurity } : {}),
        ...(settings.v2 ? { v2: settings.v2 } : {}),
      },
      settings.restartDelayMs,
      settings.log,
    );
  }

  /** Start the gateway, then all replicas in parallel; resolves when every one is ready. */
  async start(): Promise<{ gatewayPort: number }> {
    const { host, readyTimeoutMs } = this.#settings;
    const gatewayPort = await this.gateway.start(readyTimeoutMs);
    const gatewayUrl = `http://${host}:${gatewayPort}`;
    this.#replicas = SERVICES.flatMap((definition) =>
      Array.from(
        { length: this.#settings.replicasPerService },
        (_, index) =>
          new ReplicaHandle(definition, index, {
            command: this.#settings.commands.replica,
            host,
            gatewayUrl,
            restartDelayMs: this.#settings.restartDelayMs,
            readyTimeoutMs,
            config: this.#settings.replicaConfig,
            dispatchStore: this.#stores.dispatch,
            onChange: () => this.#queueEndpointPush(),
            log: this.#settings.log,
          }),
      ),
    );
    await Promise.all(this.#replicas.map((r) => r.start()));
    return { gatewayPort };
  }

  replicas(): ReplicaInfo[] {
    return this.#replicas.map((r) => r.info());
  }

  findReplica(name: string): ReplicaHandle | undefined {
    return this.#replicas.find((r) => r.name === name);
  }

  faults(): FaultSpec[] {
    return [...this.#faults];
  }

  addFault(spec: Omit<FaultSpec, 'id'> & { id?: string }): string {
    const id = spec.id ?? `fault-${randomUUID().slice(0, 8)}`;
    this.#faults = [...this.#faults.filter((f) => f.id !== id), { ...spec, id }];
    this.gateway.setFaults(this.#faults);
    return id;
  }

  removeFault(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => f.id !== id);
    this.gateway.setFaults(this.#faults);
    return this.#faults.length < before;
  }

  clearFaults(): number {
    const count = this.#faults.length;
    this.#faults = [];
    this.gateway.setFaults([]);
    return count;
  }

  /** Stop replicas (they drain), then the gateway. */
  async stop(): Promise<void> {
    await Promise.all(this.#replicas.map((r) => r.stop()));
    await this.gateway.stop();
  }

  /** Every child pid now running (for last-resort cleanup when the parent exits abruptly). */
  pids(): number[] {
    return [this.gateway.pid, ...this.#replicas.map((r) => r.info().pid)].filter((pid) => pid > 0);
  }

  #queueEndpointPush(): void {
    if (this.#pushQueued) return;
    this.#pushQueued = true;
    queueMicrotask(() => {
      this.#pushQueued = false;
      this.gateway.setEndpoints(this.#endpoints());
    });
  }

  #endpoints(): Endpoint[] {
    return this.#replicas.map((r) => ({
      name: r.name,
      service: r.definition.name,
      port: r.port,
      ready: r.state === 'ready',
    }));
  }
}
