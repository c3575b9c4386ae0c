// The input probes, sent with the run's token so they reach the services: every injection payload in
// every placement must get a 4xx and must not come back raw in the body; every bad body (oversized,
// malformed, wrong content type) must get a 4xx. A 5xx or a status 0 (connection dropped) fails.
// Runs in: VU.
import { INJECTION_PAYLOADS, PLACEMENTS, badBodies, reflectsPayload } from './payloads.ts';
import { CLIENT_ERRORS, type ProbeClient, probeCheck } from './probe-client.ts';

const is4xx = (status: number) => status >= 400 && status < 500;

export async function probeInjection(client: ProbeClient): Promise<void> {
  for (const placement of PLACEMENTS) {
    for (const payload of INJECTION_PAYLOADS) {
      const placed = placement.place(payload.text);
      const label = `${placement.label} with ${payload.name}`;
      const res = await client.send({
        probe: 'injection',
        method: placed.method,
        path: placed.path,
        name: placement.label,
        service: placement.service,
        ...(placed.body !== undefined ? { body: placed.body, contentType: 'application/json' } : {}),
        authorization: 'run-token',
        expected: CLIENT_ERRORS,
        leakLabel: label,
      });
      probeCheck('injection', `${label} → 4xx`, is4xx(res.status));
      probeCheck('reflection', `${label} not echoed raw`, !reflectsPayload(res.body, payload.text));
    }
  }
}

const BODY_ROUTES = [
  { path: '/api/v1/orders', service: 'order-service' },
  { path: '/api/v1/payments', service: 'payment-service' },
] as const;

export async function probeBadBodies(client: ProbeClient, maxBodyBytes: number): Promise<void> {
  for (const route of BODY_ROUTES) {
    for (const bad of badBodies(maxBodyBytes)) {
      const label = `POST ${route.path} ${bad.name}`;
      const res = await client.send({
        probe: 'badBody',
        method: 'POST',
        path: route.path,
        name: `POST ${route.path}`,
        service: route.service,
        body: bad.build(),
        contentType: bad.contentType,
        authorization: 'run-token',
        expected: CLIENT_ERRORS,
        leakLabel: label,
      });
      probeCheck('badBody', `${label} → 4xx`, is4xx(res.status));
    }
  }
}

/**
 * Requests built to reach error paths — a NUL byte, an unknown method, type confusion in a body,
 * out-of-range numbers, an overlong id — judged only on what their answers leak.
 */
export async function probeErrorPaths(client: ProbeClient): Promise<void> {
  const provocations = [
    { method: 'GET', path: '/api/v1/orders/%00', label: 'GET /api/v1/orders/%00', service: 'order-service' },
    {
      method: 'PROPFIND',
      path: '/api/v1/products',
      label: 'PROPFIND /api/v1/products',
      service: 'product-service',
    },
    {
      method: 'GET',
      path: '/api/v1/products?limit=-1&offset=1e309',
      label: 'GET /api/v1/products?limit=-1&offset=1e309',
      service: 'product-service',
    },
    {
      method: 'GET',
      path: `/api/v1/customers/${'c'.repeat(4096)}`,
      label: 'GET /api/v1/customers/{4 KiB id}',
      service: 'customer-service',
    },
    {
      method: 'POST',
      path: '/api/v1/payments',
      label: 'POST /api/v1/payments with mistyped fields',
      service: 'payment-service',
      body: '{"orderId":{"$gt":""},"amount":"NaN","method":["card"]}',
    },
  ];
  for (const p of provocations) {
    await client.send({
      probe: 'internals',
      method: p.method,
      path: p.path,
      name: p.label,
      service: p.service,
      ...(p.body !== undefined ? { body: p.body, contentType: 'application/json' } : {}),
      authorization: 'run-token',
      expected: CLIENT_ERRORS,
      leakLabel: p.label,
    });
  }
}
