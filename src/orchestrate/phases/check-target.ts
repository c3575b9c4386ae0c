// Part of phase 1 for a real target: every service's health route must answer 2xx through the gateway
// before any load starts, so a typo in --target, a wrong host header or a proxy that answers 404 for
// everything fails in seconds with a clear message. Runs in: Node.
import { request } from 'undici';
import { SERVICES } from '../../vu/services.ts';

/** Problem lines (one per unhealthy service, or one when nothing answers); empty when all is well. */
export async function checkTargetReachable(
  baseUrl: string,
  apiHost: string,
  timeoutMs = 5000,
): Promise<string[]> {
  const results = await Promise.all(
    SERVICES.map(async ({ name, prefix }) => {
      const url = `${baseUrl}${prefix}/health`;
      return { name, url, ...(await probe(url, apiHost, timeoutMs)) };
    }),
  );
  const unreachable = results.filter((r) => r.error !== undefined);
  if (unreachable.length === results.length)
    return [
      `--target: cannot reach ${baseUrl} (${unreachable[0]!.error}); check the URL, VPN or port-forward`,
    ];
  return results
    .filter((r) => r.error !== undefined || (r.status !== undefined && (r.status < 200 || r.status > 299)))
    .map((r) =>
      r.error !== undefined
        ? `--target: ${r.url} (${r.name}) failed: ${r.error}`
        : `--target: ${r.url} (${r.name}) answered ${r.status}, not 2xx; is ${baseUrl} the C4ang gateway with host ${apiHost}, and is the service up?`,
    );
}

async function probe(
  url: string,
  apiHost: string,
  timeoutMs: number,
): Promise<{ status?: number; error?: string }> {
  try {
    const response = await request(url, {
      headers: { host: apiHost },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body.dump();
    return { status: response.statusCode };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
