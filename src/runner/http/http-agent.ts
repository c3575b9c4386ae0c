// One undici Agent per runner thread, keep-alive, unlimited connections (each in-flight request
// gets its own socket, as k6's VUs do), plus the connection timing k6 reports as
// http_req_connecting: a wrapped connector times each TCP connect, and undici's
// `undici:client:sendHeaders` diagnostics channel hands the socket to the request written on it
// first. Runs in: VU thread (main or worker).
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Agent, buildConnector } from 'undici';

/** What the sendHeaders hook fills in on the request being written right now. */
export interface SendHook {
  /** Request path; guards against attributing another undici user's request. */
  readonly path: string;
  connectingMs: number;
  headerBytes: number;
}

const connectMsBySocket = new WeakMap<object, number>();
let current: SendHook | null = null;
let subscribed = false;

/** Called from a handler's onConnect, right before undici writes that request's headers. */
export function markSending(hook: SendHook): void {
  current = hook;
}

function onSendHeaders(message: unknown): void {
  const hook = current;
  if (!hook) return;
  current = null;
  const { request, headers, socket } = message as {
    request: { path: string };
    headers: string;
    socket: Socket;
  };
  if (request.path !== hook.path) return;
  hook.headerBytes = headers.length + 2;
  const connectMs = connectMsBySocket.get(socket);
  if (connectMs !== undefined) {
    hook.connectingMs = connectMs;
    connectMsBySocket.delete(socket);
  }
}

/** A keep-alive Agent whose connects are timed. Close it with `agent.close()` at the end of a run. */
export function createHttpAgent(): Agent {
  if (!subscribed) {
    subscribe('undici:client:sendHeaders', onSendHeaders);
    subscribed = true;
  }
  const base = buildConnector({});
  const timedConnect: buildConnector.connector = (options, callback) => {
    const startMs = performance.now();
    return base(options, (error, socket) => {
      if (socket) connectMsBySocket.set(socket, performance.now() - startMs);
      if (error) callback(error, null);
      else callback(null, socket as NonNullable<typeof socket>);
    });
  };
  return new Agent({
    connect: timedConnect,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}

/**
 * Close `agent` gracefully, but wait at most `graceMs` for requests nobody awaits any more (an
 * interrupted iteration's, a failed run's): then destroy it, so no socket keeps the process alive.
 */
export async function closeAgent(agent: Agent, graceMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  const closing = agent.close().then(
    () => 'closed' as const,
    () => 'late' as const,
  );
  const outcome = await Promise.race([closing, late]);
  clearTimeout(timer);
  if (outcome === 'late') await agent.destroy().catch(() => undefined);
}
