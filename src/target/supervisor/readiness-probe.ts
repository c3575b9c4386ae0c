// The readiness probe: GET the replica's health path until it answers 200, like a Kubernetes
// httpGet readinessProbe with a short period. Bounded by timeoutMs. Runs in: Node (parent).
import { request } from 'node:http';

export async function waitUntilReady(
  host: string,
  port: number,
  path: string,
  timeoutMs: number,
  periodMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer';
  while (Date.now() < deadline) {
    const status = await probeOnce(
      host,
      port,
      path,
      Math.min(1000, Math.max(1, deadline - Date.now())),
    ).catch((e: Error) => e.message);
    if (status === 200) return;
    lastProblem = typeof status === 'number' ? `status ${status}` : status;
    await new Promise((r) => setTimeout(r, periodMs));
  }
  throw new Error(`readiness probe ${path} failed for ${timeoutMs} ms (${lastProblem})`);
}

function probeOnce(host: string, port: number, path: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, method: 'GET', timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('probe timed out')));
    req.on('error', reject);
    req.end();
  });
}
