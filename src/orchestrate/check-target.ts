// Lifecycle phase "validate" for a real target: the gateway must answer a health route before any
// load starts, so a typo in --target fails in seconds with a clear message. Runs in: Node.
import { request } from 'undici';

/** A problem line when `baseUrl` does not answer its health route within `timeoutMs`, else undefined. */
export async function checkTargetReachable(
  baseUrl: string,
  apiHost: string,
  timeoutMs = 5000,
): Promise<string | undefined> {
  const url = `${baseUrl}/api/v1/products/health`;
  try {
    const response = await request(url, {
      headers: { host: apiHost },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body.dump();
    if (response.statusCode >= 500)
      return `--target: ${url} answered ${response.statusCode}; is the platform up?`;
    return undefined;
  } catch (error) {
    return `--target: cannot reach ${url} (${(error as Error).message}); check the URL, VPN or port-forward`;
  }
}
