// Small HTTP helpers for the target e2e tests: JSON requests with Host api.c4ang.com, admin calls and
// polling with a bound. Runs in: Node (vitest).
import { request } from 'undici';

export interface JsonResponse {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
  json: any;
  text: string;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const raw = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
  const res = await request(`${baseUrl}${path}`, {
    method: method as 'GET',
    headers: {
      host: 'api.c4ang.com',
      ...(raw === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: raw,
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(',') : v;
  return { status: res.statusCode, headers: flat, json, text };
}

/** Poll `check` every 50 ms until it returns a truthy value or timeoutMs passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Current value of a gateway metric series (from /stats/prometheus), 0 when absent. */
export async function gatewayMetric(baseUrl: string, series: string): Promise<number> {
  const { text } = await call(baseUrl, 'GET', '/stats/prometheus');
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : 0;
}
