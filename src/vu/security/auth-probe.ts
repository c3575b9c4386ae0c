// The unauthenticated probe: every protected route with no token, a malformed one and an
// expired-looking one must answer 401. Anything else — 200, but also 400 or 404 — means the request
// got past the gateway without valid credentials, and the check names the route and the credential.
// Runs in: VU.
import { BAD_CREDENTIALS } from './payloads.ts';
import { type ProbeClient, probeCheck } from './probe-client.ts';
import type { ProtectedRoute } from './protected-routes.ts';

export async function probeUnauthenticated(
  client: ProbeClient,
  routes: readonly ProtectedRoute[],
): Promise<void> {
  for (const route of routes) {
    for (const credential of BAD_CREDENTIALS) {
      const res = await client.send({
        probe: 'unauthenticated',
        method: route.method,
        path: route.path,
        name: route.label,
        service: route.service,
        ...(route.body !== undefined ? { body: route.body, contentType: 'application/json' } : {}),
        authorization: credential.authorization,
        expected: [401],
        leakLabel: `${route.label} (${credential.name})`,
      });
      probeCheck('unauthenticated', `${route.label} with ${credential.name} → 401`, res.status === 401);
    }
  }
}
