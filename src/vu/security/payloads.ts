// What the security probes send: injection payloads and where they go (path, query, JSON body), the
// bad credentials (none, malformed, expired-looking), the bad bodies, and the one rule for "reflected
// unescaped". Pure data and functions, so the unit tests check exactly what the VUs send.
// Runs in: VU and Node.

/** A SQL-injection or XSS string, as an attacker would type it. */
export interface Payload {
  readonly name: string;
  readonly text: string;
}

// The platform's own test plan names the first and the fourth (seed plan §1.3); the others are the
// next most common forms: UNION-based, stacked statements, an event-handler XSS.
export const INJECTION_PAYLOADS: readonly Payload[] = [
  { name: 'sql-or-true', text: "1' OR '1'='1" },
  { name: 'sql-union', text: "' UNION SELECT username, password FROM users--" },
  { name: 'sql-stacked', text: '1; DROP TABLE orders;--' },
  { name: 'xss-script', text: '<script>alert(1)</script>' },
  { name: 'xss-handler', text: '"><img src=x onerror=alert(1)>' },
];

/** One request that carries a payload: method, path with query, optional JSON body. */
export interface PlacedRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  /** The route as a template, e.g. `GET /api/v1/products/{payload}`: the check name says it. */
  readonly label: string;
  /** The service the route belongs to (the `service` tag). */
  readonly service: string;
}

/** Where a payload goes; each placement builds the request that carries it. */
export interface Placement {
  readonly label: string;
  readonly service: string;
  place(payload: string): Omit<PlacedRequest, 'label' | 'service'>;
}

// Encoded once by the probe, so k6 (Go) and the local runner (undici) send the very same bytes.
const enc = encodeURIComponent;

export const PLACEMENTS: readonly Placement[] = [
  {
    label: 'GET /api/v1/products/{payload}',
    service: 'product-service',
    place: (p) => ({ method: 'GET', path: `/api/v1/products/${enc(p)}` }),
  },
  {
    label: 'GET /api/v1/customers/{payload}',
    service: 'customer-service',
    place: (p) => ({ method: 'GET', path: `/api/v1/customers/${enc(p)}` }),
  },
  {
    label: 'GET /api/v1/products?category={payload}',
    service: 'product-service',
    place: (p) => ({ method: 'GET', path: `/api/v1/products?category=${enc(p)}` }),
  },
  {
    label: 'GET /api/v1/recommendations?customerId={payload}',
    service: 'recommendation-service',
    place: (p) => ({ method: 'GET', path: `/api/v1/recommendations?customerId=${enc(p)}` }),
  },
  {
    label: 'GET /api/v1/products?{payload}=1',
    service: 'product-service',
    place: (p) => ({ method: 'GET', path: `/api/v1/products?${enc(p)}=1` }),
  },
  {
    label: 'POST /api/v1/orders {"customerId": payload}',
    service: 'order-service',
    place: (p) => ({
      method: 'POST',
      path: '/api/v1/orders',
      body: JSON.stringify({ customerId: p, items: [{ productId: 'p-0001', quantity: 1 }] }),
    }),
  },
  {
    label: 'POST /api/v1/customers {"name": payload}',
    service: 'customer-service',
    place: (p) => ({ method: 'POST', path: '/api/v1/customers', body: JSON.stringify({ name: p }) }),
  },
  {
    label: 'POST /api/v1/payments {"orderId": payload}',
    service: 'payment-service',
    place: (p) => ({
      method: 'POST',
      path: '/api/v1/payments',
      body: JSON.stringify({ orderId: p, amount: 1, method: 'card' }),
    }),
  },
];

/**
 * True when the response body holds the payload exactly as sent: a target that escapes it (HTML
 * entities, `\u003c` in JSON) or leaves it out passes. JSON.stringify does not escape `<` or `'`, so
 * an error message that quotes the input raw is caught here even inside a JSON body.
 */
export function reflectsPayload(body: string | null | undefined, payload: string): boolean {
  return typeof body === 'string' && body.includes(payload);
}

/** base64url of an ASCII string, for the expired-looking JWT (k6/encoding would do too, Node cannot). */
export function base64UrlAscii(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : -1;
    const triple = (a << 16) | (Math.max(b, 0) << 8) | Math.max(c, 0);
    out += alphabet[(triple >> 18) & 63] + alphabet[(triple >> 12) & 63];
    if (b >= 0) out += alphabet[(triple >> 6) & 63];
    if (c >= 0) out += alphabet[triple & 63];
  }
  return out;
}

/**
 * A well-formed HS256 JWT for a seeded customer whose `exp` is long past (2001-09-09) and whose
 * signature is made up: what a stolen or stale token looks like. A target must refuse it however it
 * validates tokens (signature, expiry, or a fixed token list).
 */
export function expiredLookingJwt(): string {
  const header = base64UrlAscii(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = base64UrlAscii(
    JSON.stringify({ sub: 'c-0001', iss: 'https://auth.c4ang.com', iat: 999_996_400, exp: 1_000_000_000 }),
  );
  return `${header}.${claims}.${base64UrlAscii('not-the-signature-of-this-token')}`;
}

/** An Authorization header value, or none at all. */
export interface CredentialVariant {
  readonly name: string;
  /** undefined: no Authorization header. */
  readonly authorization: string | undefined;
}

export const BAD_CREDENTIALS: readonly CredentialVariant[] = [
  { name: 'no token', authorization: undefined },
  { name: 'empty bearer', authorization: 'Bearer ' },
  { name: 'wrong scheme', authorization: 'Basic YWRtaW46YWRtaW4=' },
  { name: 'malformed token', authorization: 'Bearer not a token!' },
  { name: 'truncated JWT', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIi' },
  { name: 'expired-looking JWT', authorization: `Bearer ${expiredLookingJwt()}` },
];

/** A request body that a target must refuse with a 4xx. */
export interface BadBody {
  readonly name: string;
  readonly contentType: string;
  build(): string;
}

const ORDER = JSON.stringify({ customerId: 'c-0001', items: [{ productId: 'p-0001', quantity: 1 }] });

/**
 * An otherwise valid order padded past `maxBodyBytes` × 2: a target that accepts it answers 201, so
 * "no size limit" is seen as such rather than hidden behind a validation error.
 */
export function oversizedOrder(maxBodyBytes: number): string {
  const target = maxBodyBytes * 2;
  const head = `{"customerId":"c-0001","items":[{"productId":"p-0001","quantity":1}],"note":"`;
  return `${head}${'x'.repeat(Math.max(0, target - head.length - 2))}"}`;
}

export function badBodies(maxBodyBytes: number): BadBody[] {
  return [
    {
      name: `oversized (${Math.round((maxBodyBytes * 2) / 1024)} KiB)`,
      contentType: 'application/json',
      build: () => oversizedOrder(maxBodyBytes),
    },
    { name: 'truncated JSON', contentType: 'application/json', build: () => ORDER.slice(0, 30) },
    { name: 'not JSON', contentType: 'application/json', build: () => 'customerId=c-0001; items=p-0001' },
    { name: 'empty body', contentType: 'application/json', build: () => '' },
    {
      name: 'nested 5000 deep',
      contentType: 'application/json',
      build: () => `${'['.repeat(5000)}${']'.repeat(5000)}`,
    },
    { name: 'JSON sent as text/plain', contentType: 'text/plain', build: () => ORDER },
    {
      name: 'form-encoded',
      contentType: 'application/x-www-form-urlencoded',
      build: () => 'customerId=c-0001&items%5B0%5D%5BproductId%5D=p-0001&items%5B0%5D%5Bquantity%5D=1',
    },
    {
      name: 'XML',
      contentType: 'application/xml',
      build: () => '<order><customerId>c-0001</customerId></order>',
    },
  ];
}
