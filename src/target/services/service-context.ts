// What a service handler receives (one request) and what it may use (its store, the simulated service
// time, calls to other services through the gateway). Runs in: Node (replica).
import type { IncomingHttpHeaders } from 'node:http';
import type { StoreClient } from '../store/store-client.ts';
import type { OperationName } from '../types.ts';
import type { ApiResponse } from './http-kit.ts';
import type { ServiceCaller } from './service-caller.ts';

export interface RequestContext {
  method: string;
  /** Path below the service prefix: '' or '/c-0001' … (never the health path). */
  subPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  readBody(): Promise<unknown>;
  /** Set by the handler as soon as it knows the operation; the metrics label of the request. */
  operation: OperationName | 'invalid';
}

export interface ServiceDeps {
  store: StoreClient;
  /** Waits the configured service time of the operation. */
  simulate(op: OperationName): Promise<void>;
  callService: ServiceCaller;
  /** How many customers are seeded (ids c-0001..c-NNNN); customers are immutable here. */
  customerCount: number;
}

export type ServiceHandler = (ctx: RequestContext) => Promise<ApiResponse>;

/** Non-empty path segments of a sub path ('/a/b' → ['a', 'b']). */
export function pathSegments(subPath: string): string[] {
  return subPath.split('/').filter((s) => s !== '');
}
