// A small stand-in of the embedded target's admin API (contract: /replicas, kill/fail/recover/
// restart, /faults, /health) on an ephemeral loopback port, recording every call. Replicas
// "restart" by changing pid after restartDelayMs. Node side; tests only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayFault, ReplicaInfo } from '../../../../src/chaos/providers/local/admin-client.ts';

export interface FakeAdmin {
  adminUrl: string;
  replicas: ReplicaInfo[];
  faults: (GatewayFault & { id: string })[];
  calls: { method: string; path: string; body: unknown }[];
  stop(): Promise<void>;
}

const SERVICES = ['order-service', 'payment-service', 'product-service'];

export function makeReplicas(perService = 2, services = SERVICES): ReplicaInfo[] {
  let pid = 1000;
  return services.flatMap((service) =>
    Array.from({ length: perService }, (_, i) => ({
      name: `${service}-7c9f8-r${i}`,
      service,
      labels: { 'app.kubernetes.io/name': service, 'pod-template-hash': '7c9f8' },
      namespace: 'ecommerce',
      pid: pid++,
      port: 40000 + pid,
      metricsUrl: `http://127.0.0.1:${40000 + pid}/metrics`,
      state: 'ready' as const,
      restarts: 0,
      startedAt: new Date().toISOString(),
    })),
  );
}

export async function startFakeAdmin(
  options: { perService?: number; restartDelayMs?: number; failFaultsAfter?: number } = {},
): Promise<FakeAdmin> {
  const restartDelayMs = options.restartDelayMs ?? 50;
  const state: Omit<FakeAdmin, 'adminUrl' | 'stop'> = {
    replicas: makeReplicas(options.perService),
    faults: [],
    calls: [],
  };
  const timers = new Set<NodeJS.Timeout>();
  let nextPid = 5000;
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const restart = (r: ReplicaInfo, delayMs: number) => {
    r.state = 'starting';
    later(delayMs, () => {
      if (r.state !== 'starting') return;
      r.pid = nextPid++;
      r.restarts += 1;
      r.state = 'ready';
    });
  };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const body = text ? JSON.parse(text) : undefined;
      const path = req.url ?? '/';
      state.calls.push({ method: req.method ?? 'GET', path, body });
      const send = (status: number, payload?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      const m = /^\/replicas\/([^/]+)\/(kill|fail|recover|restart)$/.exec(path);
      if (req.method === 'GET' && path === '/health')
        return send(200, { status: 'UP', replicasReady: 0, replicasTotal: 0 });
      if (req.method === 'GET' && path === '/replicas') return send(200, state.replicas);
      if (m && req.method === 'POST') {
        const r = state.replicas.find((x) => x.name === decodeURIComponent(m[1]!));
        if (!r) return send(404, { error: { code: 'NOT_FOUND', message: 'no replica' } });
        if (m[2] === 'kill') restart(r, restartDelayMs);
        if (m[2] === 'restart') restart(r, 5);
        if (m[2] === 'fail') {
          r.state = 'failed';
          later(body.durationMs, () => r.state === 'failed' && restart(r, 5));
        }
        if (m[2] === 'recover') {
          if (r.state !== 'failed') return send(409, { error: { code: 'CONFLICT', message: 'not failed' } });
          restart(r, 5);
        }
        return send(m[2] === 'recover' ? 200 : 202, { name: r.name, pid: r.pid });
      }
      if (path === '/faults' && req.method === 'GET') return send(200, state.faults);
      if (path === '/faults' && req.method === 'POST') {
        // Simulates a target that breaks mid-injection: later faults are refused.
        if (state.faults.length >= (options.failFaultsAfter ?? Number.POSITIVE_INFINITY))
          return send(500, { error: { code: 'INTERNAL', message: 'fault table broken' } });
        const fault = { ...body, id: body.id ?? `f${state.faults.length + 1}` };
        state.faults.push(fault);
        return send(201, { id: fault.id });
      }
      const f = /^\/faults\/(.+)$/.exec(path);
      if (f && req.method === 'DELETE') {
        const i = state.faults.findIndex((x) => x.id === decodeURIComponent(f[1]!));
        if (i < 0) return send(404, { error: { code: 'NOT_FOUND', message: 'no fault' } });
        state.faults.splice(i, 1);
        return send(200, {});
      }
      send(404, { error: { code: 'NOT_FOUND', message: path } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    adminUrl: `http://127.0.0.1:${port}`,
    ...state,
    async stop() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
