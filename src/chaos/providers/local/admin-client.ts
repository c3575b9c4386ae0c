// HTTP client for the embedded target's admin API (replicas and gateway faults), used by the
// local chaos provider and its cleanup. Loopback only; every call has a timeout. Node side.
import { ChaosError } from '../../../errors.ts';
import { ADMIN_CALL_TIMEOUT_MS } from '../../timeouts.ts';
import type { FaultSpec, ReplicaInfo } from '../../../target/types.ts';

// The admin API's own types: the client speaks exactly what the target serves.
export type { ReplicaInfo } from '../../../target/types.ts';

/** A gateway fault to create (`POST /faults`): the target's FaultSpec, the id optional. */
export type GatewayFault = Omit<FaultSpec, 'id'> & { id?: string };

export class AdminClient {
  readonly adminUrl: string;
  private readonly timeoutMs: number;

  constructor(adminUrl: string, timeoutMs = ADMIN_CALL_TIMEOUT_MS) {
    const url = new URL(adminUrl);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      throw new ChaosError(`admin URL must be loopback (got ${adminUrl})`);
    }
    this.adminUrl = adminUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
  }

  health(): Promise<{ status: string; replicasReady: number; replicasTotal: number }> {
    return this.call('GET', '/health');
  }

  replicas(): Promise<ReplicaInfo[]> {
    return this.call('GET', '/replicas');
  }

  /** Kill the replica's process; a replica with no running process (409) is left as it is. */
  kill(name: string, signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<unknown> {
    return this.call('POST', `/replicas/${encodeURIComponent(name)}/kill`, { signal }, [409]);
  }

  fail(name: string, durationMs: number): Promise<unknown> {
    return this.call('POST', `/replicas/${encodeURIComponent(name)}/fail`, {
      durationMs: Math.round(durationMs),
    });
  }

  /** End a fail early; a replica that is not failed is fine (404/409 ignored). */
  recoverReplica(name: string): Promise<unknown> {
    return this.call('POST', `/replicas/${encodeURIComponent(name)}/recover`, {}, [404, 409]);
  }

  restart(name: string): Promise<unknown> {
    return this.call('POST', `/replicas/${encodeURIComponent(name)}/restart`, {});
  }

  faults(): Promise<(GatewayFault & { id: string })[]> {
    return this.call('GET', '/faults');
  }

  async addFault(fault: GatewayFault): Promise<string> {
    const body = await this.call<{ id: string }>('POST', '/faults', fault);
    return body.id;
  }

  /** Delete one fault; an already-gone fault is fine. */
  deleteFault(id: string): Promise<unknown> {
    return this.call('DELETE', `/faults/${encodeURIComponent(id)}`, undefined, [404]);
  }

  private async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    okStatuses: number[] = [],
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.adminUrl + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ChaosError(`admin API ${method} ${path} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const text = await response.text();
    if (!response.ok && !okStatuses.includes(response.status)) {
      throw new ChaosError(`admin API ${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
