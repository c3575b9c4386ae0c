// The replica side of the shared store: each call is an IPC request to the supervisor, answered by
// id. A call fails (never hangs) when the supervisor does not answer in time. Runs in: Node (replica).

export interface StoreClient {
  call<T>(op: string, ...args: unknown[]): Promise<T>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface StoreReply {
  type: 'store-reply';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

export function createStoreClient(send: (message: unknown) => void, timeoutMs = 5000) {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const client: StoreClient = {
    call<T>(op: string, ...args: unknown[]): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`store call ${op} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        send({ type: 'store', id, op, args });
      });
    },
  };
  const handleReply = (reply: StoreReply) => {
    const entry = pending.get(reply.id);
    if (!entry) return;
    pending.delete(reply.id);
    clearTimeout(entry.timer);
    if (reply.ok) entry.resolve(reply.value ?? null);
    else entry.reject(new Error(reply.error ?? 'store error'));
  };
  return { client, handleReply };
}
