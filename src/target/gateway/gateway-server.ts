// The gateway's HTTP server (the Istio ingress gateway): route by Host and path prefix, enforce the
// connection-pool limits (503 + `UO` on overflow), proxy with retries, add the x-upstream-replica /
// x-retry-count / x-response-flags headers and keep istio_* metrics. The edge rules (auth, rate limit,
// CORS, error bodies; ./security/) screen each request first and shape each answer; all off by
// default. Runs in: Node (gateway).
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { MS_BUCKETS, type MetricsRegistry } from '../metrics.ts';
import type { FaultSpec, RoutePolicy, StandinV2 } from '../types.ts';
import { canarySubset, throughSubset } from './canary-route.ts';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './forward-headers.ts';
import { type ProxyResult, localReply, proxyWithRetries } from './proxy-request.ts';
import { matchRoute } from './route-table.ts';
import type { GatewaySecurity } from './security/gateway-security.ts';
import type { UpstreamCluster } from './upstream-cluster.ts';

/** Largest request body the gateway buffers (so it can retry), bytes. */
const MAX_GATEWAY_BODY_BYTES = 1024 * 1024;

interface GatewayServerOptions {
  policy: RoutePolicy;
  clusters: ReadonlyMap<string, UpstreamCluster>;
  faults: () => readonly FaultSpec[];
  metrics: MetricsRegistry;
  security: GatewaySecurity;
  /** A v2 of one service, routed by header (canary runs); undefined: v1 only. */
  v2?: StandinV2 | undefined;
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
  const reply = (result: ProxyResult, ms: number) => send(res, options.security.finish(req, result), ms);
  const refused = options.security.screen(req, pathname);
  if (refused) return reply(refused, 0);
  const service = matchRoute(req.headers.host, pathname);
  if (!service)
    return reply(localReply(404, 'NOT_FOUND', `no route for ${pathname.slice(0, 200)}`, '', 0, ['NR']), 0);
  const cluster = options.clusters.get(service.name)!;
  const client = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) client.abort();
  });
  const deadlineMs = Date.now() + options.policy.timeoutMs;
  const body = await readBody(req).catch(() => null);
  if (body === null) {
    // The rest of the body is still on its way: the connection cannot carry another request, so the
    // answer says `Connection: close` and Node closes it after the 413 (a client reusing it would wait
    // for an answer to bytes the server reads as garbage).
    res.shouldKeepAlive = false;
    return reply(localReply(413, 'PAYLOAD_TOO_LARGE', 'request body too large or aborted', '', 0, []), 0);
  }
  // The canary header picks the v2 of a service, when the stand-in runs one (./canary-route.ts); its
  // extra time is spent after the pool slot is released: a subset has its own pool in the mesh.
  const v2 = canarySubset(options.v2, service.name, req.headers);
  const result = await throughSubset(v2, client.signal, () =>
    forward(
      { req, rawUrl, service: service.name, cluster, body, deadlineMs, signal: client.signal },
      options,
    ),
  );
  const elapsedMs = performance.now() - startedAt;
  recordMetrics(
    options.metrics,
    service.name,
    service.app,
    req.headers['x-source-service'],
    result,
    elapsedMs,
  );
  reply(result, elapsedMs);
}

/** Admission to the service's connection pool, then the proxied attempts (retries included). */
async function forward(
  request: {
    req: IncomingMessage;
    rawUrl: string;
    service: string;
    cluster: UpstreamCluster;
    body: Buffer;
    deadlineMs: number;
    signal: AbortSignal;
  },
  options: GatewayServerOptions,
): Promise<ProxyResult> {
  const { req, service, cluster, body, deadlineMs, signal } = request;
  const release = await admit(cluster, deadlineMs, signal);
  if (release === 'overflow')
    return localReply(503, 'OVERFLOW', `connection pool of ${service} overflowed`, '', 0, ['UO']);
  if (release === 'timeout')
    return localReply(504, 'UPSTREAM_TIMEOUT', 'upstream request timeout (queued)', '', 0, ['UT']);
  try {
    const sourceHeader = req.headers['x-source-service'];
    return await proxyWithRetries(cluster, options.policy, options.faults, {
      service,
      method: req.method ?? 'GET',
      path: request.rawUrl,
      headers: upstreamRequestHeaders(req.headers, req.socket.remoteAddress),
      body: body.length ? body : undefined,
      sourceService: typeof sourceHeader === 'string' ? sourceHeader : undefined,
      deadlineMs,
      clientSignal: signal,
    });
  } finally {
    release();
  }
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
