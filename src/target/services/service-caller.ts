// Service-to-service calls, always through the gateway (as in the mesh, where every call passes the
// sidecars) with `x-source-service` naming the caller, so gateway faults can target one edge of the
// call graph. Plain node:http keeps replica start-up light. With the gateway's edge rules on, calls carry
// the stand-in's mesh identity: in the mesh they never pass the ingress, so they skip its auth and rate
// limit. Runs in: Node (replica).
import { Agent, request } from 'node:http';
import { DEFAULT_API_HOST } from '../../vu/env.ts';
import { MESH_IDENTITY_HEADER } from '../gateway/security/security-settings.ts';

interface ServiceCallResult {
  status: number;
  /** Parsed JSON body, undefined when the body is not JSON. */
  body: unknown;
}

export type ServiceCaller = (
  method: string,
  path: string,
  body?: unknown,
  timeoutMs?: number,
) => Promise<ServiceCallResult>;

/** `gatewayUrl` like 'http://127.0.0.1:8080'; calls carry Host DEFAULT_API_HOST (api.c4ang.com). */
export function createServiceCaller(
  gatewayUrl: string,
  sourceService: string,
  defaultTimeoutMs = 10_000,
  meshIdentity?: string,
): { call: ServiceCaller; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 1000 });
  const base = new URL(gatewayUrl);
  const call: ServiceCaller = (method, path, body, timeoutMs = defaultTimeoutMs) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: Record<string, string | number> = {
        host: DEFAULT_API_HOST,
        accept: 'application/json',
        'x-source-service': sourceService,
      };
      if (meshIdentity) headers[MESH_IDENTITY_HEADER] = meshIdentity;
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = payload.length;
      }
      const req = request(
        { agent, host: base.hostname, port: base.port, method, path, headers, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: parseJson(Buffer.concat(chunks).toString('utf8')) }),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  return { call, close: () => agent.destroy() };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
