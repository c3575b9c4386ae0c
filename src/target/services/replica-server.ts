// The HTTP server of one replica: health (503 while draining), /metrics, JSON errors for every bad
// input, request metrics, and the graceful drain that SIGTERM starts. Runs in: Node (replica).
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type MetricsRegistry, SECONDS_BUCKETS } from '../metrics.ts';
import { ApiError, type ApiResponse, errorBody, readJsonBody, writeResponse } from './http-kit.ts';
import { rejectMalicious, rejectMaliciousQuery } from './input-validation.ts';
import type { RequestContext, ServiceHandler } from './service-context.ts';

interface ReplicaServerOptions {
  service: string;
  pod: string;
  prefix: string;
  handler: ServiceHandler;
  metrics: MetricsRegistry;
  log: (line: string) => void;
}

interface ReplicaServer {
  server: Server;
  /** Stop accepting, let in-flight requests finish (at most timeoutMs), then close every connection. */
  drain(timeoutMs: number): Promise<void>;
}

export function createReplicaServer(options: ReplicaServerOptions): ReplicaServer {
  let draining = false;
  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight++;
    const startedAt = performance.now();
    const ctx = makeContext(req);
    res.on('close', () => {
      inFlight--;
      const labels = { service: options.service, pod: options.pod, operation: ctx.operation };
      options.metrics.increment('http_requests_total', 'Requests served.', {
        ...labels,
        method: ctx.method,
        status: String(res.statusCode),
      });
      options.metrics.observe(
        'http_request_duration_seconds',
        'Request duration, seconds.',
        SECONDS_BUCKETS,
        labels,
        (performance.now() - startedAt) / 1000,
      );
    });
    if (draining) res.setHeader('connection', 'close');
    void respond(req, res, ctx, options, () => draining);
  });
  server.keepAliveTimeout = 5000;
  return {
    server,
    async drain(timeoutMs) {
      draining = true;
      server.close();
      server.closeIdleConnections();
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
    },
  };
}

function makeContext(req: IncomingMessage): RequestContext {
  const url = new URL(req.url ?? '/', 'http://replica.local');
  return {
    method: req.method ?? 'GET',
    subPath: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    operation: 'invalid',
    async readBody() {
      const body = await readJsonBody(req);
      rejectMalicious(body, 'body');
      return body;
    },
  };
}

async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RequestContext,
  options: ReplicaServerOptions,
  isDraining: () => boolean,
) {
  let response: ApiResponse;
  try {
    response = await route(ctx, options, isDraining);
  } catch (error) {
    if (error instanceof ApiError)
      response = { status: error.status, body: errorBody(error.code, error.message) };
    else {
      options.log(`${req.method} ${req.url} failed: ${(error as Error).stack ?? error}`);
      response = { status: 500, body: errorBody('INTERNAL', 'internal error') };
    }
  }
  if (res.destroyed) return;
  writeResponse(res, response);
}

async function route(
  ctx: RequestContext,
  options: ReplicaServerOptions,
  isDraining: () => boolean,
): Promise<ApiResponse> {
  const path = ctx.subPath;
  if (path === '/metrics' && ctx.method === 'GET') return { status: 200, body: options.metrics.render() };
  if (path === `${options.prefix}/health`) {
    ctx.operation = 'health';
    return isDraining()
      ? { status: 503, body: { status: 'DOWN', service: options.service, replica: options.pod } }
      : { status: 200, body: { status: 'UP', service: options.service, replica: options.pod } };
  }
  if (path !== options.prefix && !path.startsWith(`${options.prefix}/`)) {
    throw new ApiError(404, 'NOT_FOUND', `no route for ${path.slice(0, 200)}`);
  }
  rejectMalicious(safeDecode(path), 'path');
  rejectMaliciousQuery(ctx.query);
  ctx.subPath = path.slice(options.prefix.length);
  return options.handler(ctx);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new ApiError(400, 'INVALID_INPUT', 'path is not valid URL encoding');
  }
}
