// The gateway's VirtualService routes: Host must be one of the Gateway's hosts (`api.c4ang.com`, `*`),
// then the first service whose prefix matches the path wins. Runs in: Node (gateway).
import { SERVICES, type ServiceRoute } from '../../vu/services.ts';
import { GATEWAY_HOSTS } from '../defaults.ts';

export function hostMatches(
  hostHeader: string | undefined,
  hosts: readonly string[] = GATEWAY_HOSTS,
): boolean {
  const host = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
  return hosts.some((h) => h === '*' || h === host);
}

/** The service a request goes to, or undefined (→ 404). `path` excludes the query string. */
export function matchRoute(hostHeader: string | undefined, path: string): ServiceRoute | undefined {
  if (!hostMatches(hostHeader)) return undefined;
  return SERVICES.find((s) => path === s.prefix || path.startsWith(`${s.prefix}/`));
}
