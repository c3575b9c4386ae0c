// The gateway's HTTP server (the Istio ingress gateway): route by Host and path prefix, enforce the
// connection-pool limits (503 + `UO` on overflow), proxy with retries, add the x-upstream-replica /
// x-retry-count / x-response-flags headers and keep istio_* metrics. Runs in: Node (gateway).
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { MS_BUCKETS, type MetricsRegistry } from '../metrics.ts';
import type { FaultSpec, RoutePolicy } from '../types.ts';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './forward-headers.ts';
import { type ProxyResult, localReply, proxyWithRetries } from './proxy-request.ts';
import { matchRoute } from './route-table.ts';
import type { UpstreamCluster } from './upstream-cluster.ts';

/** Largest request body the gateway buffers (so it can retry), bytes. */
const MAX_GATEWAY_BODY_BYTES = 1024 * 1024;

interface GatewayServerOptions {
  policy: RoutePolicy;
  clusters: ReadonlyMap<string, UpstreamCluster>;
  faults: () => readonly FaultSpec[];
  metrics: MetricsRegistry;
}

export function createGatewayServer(options: GatewayServerOptions) {
  const server = createServer((req, res) => void handle(req, res, options));
  server.keepAliveTimeout = 65_000;
  return server;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: GatewayServerOptions,
): Promise<void> {
  const startedAt = performance.now();
  const rawUrl = req.url ?? '/';
  const pathname = rawUrl.split('?')[0];
  if (pathname === '/stats/prometheus') return sendText(res, options.metrics.render());
  if (pathname === '/healthz/ready') return sendText(res, 'ok\n');
  const service = matchRoute(req.headers.host, pathname);
  if (!service)
    return send(
      res,
      localReply(404, 'NOT_FOUND', `no route for ${pathname.slice(0, 200)}`, '', 0, ['NR']),
      0,
    );
  const cluster = options.clusters.get(service.name)!;
  const client = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) client.abort();
  });
  const deadlineMs = Date.now() + options.policy.timeoutMs;
  const body = await readBody(req).catch(() => null);
  if (body === null)
    return send(res, localReply(413, 'PAYLOAD_TOO_LARGE', 'request body too large or aborted', '', 0, []), 0);
  const release = await admit(cluster, deadlineMs, client.signal);
  let result: ProxyResult;
  if (release === 'overflow')
    result = localReply(503, 'OVERFLOW', `connection pool of ${service.name} overflowed`, '', 0, ['UO']);
  else if (release === 'timeout')
    result = localReply(504, 'UPSTREAM_TIMEOUT', 'upstream request timeout (queued)', '', 0, ['UT']);
  else {
    try {
      const sourceHeader = req.headers['x-source-service'];
      result = await proxyWithRetries(cluster, options.policy, options.faults, {
        service: service.name,
        method: req.method ?? 'GET',
        path: rawUrl,
        headers: upstreamRequestHeaders(req.headers, req.socket.remoteAddress),
        body: body.length ? body : undefined,
        sourceService: typeof sourceHeader === 'string' ? sourceHeader : undefined,
        deadlineMs,
        clientSignal: client.signal,
      });
    } finally {
      release();
    }
  }
  const elapsedMs = performance.now() - startedAt;
  recordMetrics(
    options.metrics,
    service.name,
    service.app,
    req.headers['x-source-service'],
    result,
    elapsedMs,
  );
  send(res, result, elapsedMs);
}

async function admit(
  cluster: UpstreamCluster,
  deadlineMs: number,
  signal: AbortSignal,
): Promise<(() => void) | 'overflow' | 'timeout'> {
  const admission = cluster.breaker.acquire();
  if (admission === 'overflow') return 'overflow';
  if ('release' in admission) return admission.release;
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadlineMs - Date.now()));
    signal.addEventListener('abort', () => resolve('timeout'), { once: true });
  });
  const winner = await Promise.race([admission.queued, gaveUp]);
  clearTimeout(timer);
  if (winner !== 'timeout') return winner;
  admission.cancel();
  // The slot may have been granted in the same tick the wait gave up: hand it back.
  void admission.queued.then((release) => release());
  return 'timeout';
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_GATEWAY_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, result: ProxyResult, upstreamMs: number): void {
  if (res.destroyed || res.headersSent) return;
  const headers = downstreamResponseHeaders(result.headers, {
    replica: result.replica,
    retries: result.retries,
    flags: result.flags,
    upstreamMs,
  });
  headers['content-length'] = result.body.length;
  res.writeHead(result.status, headers);
  res.end(result.body);
}

function sendText(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
  res.end(text);
}

function recordMetrics(
  metrics: MetricsRegistry,
  service: string,
  workload: string,
  source: unknown,
  result: ProxyResult,
  ms: number,
) {
  const code = String(result.status);
  const flags = result.flags.length ? result.flags.join(',') : '-';
  const sourceWorkload = typeof source === 'string' ? source : 'istio-ingressgateway';
  metrics.increment('istio_requests_total', 'Requests through the gateway.', {
    destination_service_name: service,
    destination_workload: workload,
    source_workload: sourceWorkload,
    response_code: code,
    response_flags: flags,
  });
  metrics.observe(
    'istio_request_duration_milliseconds',
    'Request duration at the gateway, ms.',
    MS_BUCKETS,
    { destination_service_name: service, response_code: code },
    ms,
  );
}
