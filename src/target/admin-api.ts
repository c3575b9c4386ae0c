// The admin API on its own loopback port: replica list and PodChaos actions (kill, fail, recover,
// restart), gateway faults (NetworkChaos/HTTPChaos), health, kube-state-style metrics (`/metrics`)
// and the whole stand-in's resource metrics in one scrape (`/metrics/cluster`). Used by the local
// chaos provider, a user's Prometheus and the tests. Runs in: Node (parent).
import { type IncomingMessage, type Server, createServer } from 'node:http';
import { renderClusterMetrics } from './admin/cluster-metrics.ts';
import { renderFederatedMetrics } from './admin/federated-metrics.ts';
import { validateFault } from './admin/fault-validation.ts';
import { type ApiResponse, errorBody, writeResponse } from './services/http-kit.ts';
import type { Supervisor } from './supervisor/supervisor.ts';

/** Longest pod-failure an admin call may ask for, ms (1 h). */
const MAX_FAIL_MS = 3_600_000;

export function createAdminServer(supervisor: Supervisor): Server {
  return createServer((req, res) => {
    void route(req, supervisor)
      .catch((error: Error): ApiResponse => ({ status: 500, body: errorBody('INTERNAL', error.message) }))
      .then((reply) => writeResponse(res, reply));
  });
}

async function route(req: IncomingMessage, supervisor: Supervisor): Promise<ApiResponse> {
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeSafely);
  if (method === 'GET' && path === '/health') {
    const replicas = supervisor.replicas();
    const replicasReady = replicas.filter((r) => r.state === 'ready').length;
    return ok({
      status: 'UP',
      replicasReady,
      replicasTotal: replicas.length,
      gatewayPid: supervisor.gateway.pid,
    });
  }
  if (method === 'GET' && path === '/metrics')
    return { status: 200, body: renderClusterMetrics(supervisor.replicas()) };
  if (method === 'GET' && path === '/metrics/cluster')
    return { status: 200, body: await renderFederatedMetrics(supervisor.replicas()) };
  if (parts[0] === 'replicas') return replicaRoute(method, parts, req, supervisor);
  if (parts[0] === 'faults') return faultRoute(method, parts, req, supervisor);
  return notFound(`no admin route ${method} ${path}`);
}

async function replicaRoute(
  method: string,
  parts: string[],
  req: IncomingMessage,
  supervisor: Supervisor,
): Promise<ApiResponse> {
  if (parts.length === 1 && method === 'GET') return ok(supervisor.replicas());
  const replica = parts[1] === undefined ? undefined : supervisor.findReplica(parts[1]);
  if (!replica) return notFound(`no replica named ${parts[1] ?? ''}`);
  if (parts.length === 2 && method === 'GET') return ok(replica.info());
  if (parts.length !== 3 || method !== 'POST')
    return notFound(`no admin route ${method} /${parts.join('/')}`);
  const body = await readJson(req);
  if (body === undefined) return badRequest(['body must be JSON']);
  switch (parts[2]) {
    case 'kill': {
      const signal = (body as { signal?: unknown }).signal ?? 'SIGKILL';
      if (signal !== 'SIGKILL' && signal !== 'SIGTERM')
        return badRequest([`signal: must be SIGKILL or SIGTERM (got ${JSON.stringify(signal)})`]);
      const killed = replica.kill(signal);
      return killed
        ? { status: 202, body: killed }
        : { status: 409, body: errorBody('NOT_RUNNING', `${replica.name} has no running process`) };
    }
    case 'fail': {
      const durationMs = (body as { durationMs?: unknown }).durationMs;
      if (
        typeof durationMs !== 'number' ||
        !Number.isFinite(durationMs) ||
        durationMs < 0 ||
        durationMs > MAX_FAIL_MS
      ) {
        return badRequest([
          `durationMs: must be a number in 0..${MAX_FAIL_MS} (got ${JSON.stringify(durationMs)})`,
        ]);
      }
      replica.fail(durationMs);
      return { status: 202, body: { name: replica.name, durationMs } };
    }
    case 'recover':
      return replica.recover()
        ? ok({ name: replica.name, recovered: true })
        : { status: 409, body: errorBody('NOT_FAILED', `${replica.name} is not failed by a fail call`) };
    case 'restart':
      replica.restart();
      return { status: 202, body: { name: replica.name } };
    default:
      return notFound(`no replica action ${parts[2]}`);
  }
}

async function faultRoute(
  method: string,
  parts: string[],
  req: IncomingMessage,
  supervisor: Supervisor,
): Promise<ApiResponse> {
  if (parts.length === 1 && method === 'GET') return ok(supervisor.faults());
  if (parts.length === 1 && method === 'DELETE') return ok({ removed: supervisor.clearFaults() });
  if (parts.length === 1 && method === 'POST') {
    const body = await readJson(req);
    if (body === undefined) return badRequest(['body must be JSON']);
    const { fault, problems } = validateFault(body);
    if (!fault) return badRequest(problems);
    return { status: 201, body: { id: supervisor.addFault(fault) } };
  }
  if (parts.length === 2 && method === 'DELETE') {
    return supervisor.removeFault(parts[1])
      ? ok({ id: parts[1], removed: true })
      : notFound(`no fault with id ${parts[1]}`);
  }
  return notFound(`no admin route ${method} /${parts.join('/')}`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) return undefined;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body });
const notFound = (message: string): ApiResponse => ({ status: 404, body: errorBody('NOT_FOUND', message) });
const badRequest = (problems: string[]): ApiResponse => ({
  status: 400,
  body: { error: { code: 'BAD_REQUEST', message: problems.join('; '), problems } },
});
