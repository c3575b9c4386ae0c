// The CORS probe: a disallowed origin — a foreign site, and the `null` origin of sandboxed frames and
// file:// pages — gets no Access-Control-Allow-Origin, on a plain request and on a preflight. When the
// profile names an origin the policy allows, that one must get its own origin back, so a policy that
// refuses everybody is not mistaken for a correct one. Runs in: VU.
import { headerValue } from './leak-patterns.ts';
import { ANY_STATUS, type ProbeClient, probeCheck } from './probe-client.ts';

/** Not a C4ang origin; `.example` is reserved (RFC 2606), so it can never be a real allowed site. */
export const DISALLOWED_ORIGINS = ['https://evil.example', 'null'] as const;

export async function probeCors(client: ProbeClient, allowedOrigin: string | undefined): Promise<void> {
  const ask = async (origin: string, preflight: boolean) => {
    const label = `${preflight ? 'preflight OPTIONS /api/v1/orders' : 'GET /api/v1/products'} from ${origin}`;
    const res = await client.send({
      probe: 'cors',
      method: preflight ? 'OPTIONS' : 'GET',
      path: preflight ? '/api/v1/orders' : '/api/v1/products',
      name: preflight ? 'OPTIONS /api/v1/orders' : 'GET /api/v1/products',
      service: preflight ? 'order-service' : 'product-service',
      headers: preflight
        ? {
            Origin: origin,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'authorization, content-type',
          }
        : { Origin: origin },
      // A browser sends no credentials on a preflight.
      authorization: preflight ? undefined : 'run-token',
      expected: ANY_STATUS,
      leakLabel: label,
    });
    return { label, allowOrigin: headerValue(res.headers, 'access-control-allow-origin') };
  };
  for (const origin of DISALLOWED_ORIGINS) {
    for (const preflight of [false, true]) {
      const { label, allowOrigin } = await ask(origin, preflight);
      probeCheck('cors', `${label} gets no Access-Control-Allow-Origin`, allowOrigin === undefined);
    }
  }
  if (allowedOrigin) {
    for (const preflight of [false, true]) {
      const { label, allowOrigin } = await ask(allowedOrigin, preflight);
      probeCheck('cors', `${label} (allowed) gets its origin back`, allowOrigin === allowedOrigin);
    }
  }
}
