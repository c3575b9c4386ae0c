// Test target for the sync k6/http e2e cases, in its own worker thread: a sync call blocks the
// runner's thread, so a server on that same event loop could never answer. node:http on port 0;
// echoes method, body and two request headers as JSON, answers /status/<n> with n, /delay/<ms>
// after ms, and /peak with the most requests in flight at once (proves batch parallelism).
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

const SERVER = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
let inFlight = 0;
let peak = 0;
const server = createServer((req, res) => {
  const path = req.url || '/';
  if (path === '/peak') return res.end(JSON.stringify({ peak }));
  if (path === '/reset-peak') { peak = 0; return res.end('{}'); }
  inFlight++;
  peak = Math.max(peak, inFlight);
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const status = Number((/^\\/status\\/(\\d+)/.exec(path) || [])[1] || 200);
    const delayMs = Number((/^\\/delay\\/(\\d+)/.exec(path) || [])[1] || 0);
    const send = () => {
      inFlight--;
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      const h = req.headers;
      res.end(JSON.stringify({ method: req.method, path, body, type: h['content-type'], test: h['x-test'] }));
    };
    if (delayMs > 0) setTimeout(send, delayMs); else send();
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

export interface EchoTarget {
  url: string;
  /** Most requests in flight at once since the last reset. */
  peakInFlight(): Promise<number>;
  resetPeak(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEchoTarget(): Promise<EchoTarget> {
  const worker = new Worker(SERVER, { eval: true });
  const [port] = (await once(worker, 'message')) as [number];
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    peakInFlight: async () => ((await (await fetch(`${url}/peak`)).json()) as { peak: number }).peak,
    resetPeak: async () => {
      await (await fetch(`${url}/reset-peak`)).text();
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}
