// Bearer authentication at the gateway (RFC 6750): an `Authorization: Bearer <token>` header whose
// token is the configured one. Compared in constant time over digests, so neither the content nor the
// length of the token leaks through timing. Runs in: Node (gateway).
import { createHash, timingSafeEqual } from 'node:crypto';

export type BearerCheck = 'valid' | 'missing' | 'invalid';

// RFC 6750 §2.1 b64token; the scheme is case-insensitive.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

const digest = (text: string) => createHash('sha256').update(text).digest();

export function createBearerCheck(token: string): (header: string | string[] | undefined) => BearerCheck {
  const expected = digest(token);
  return (header) => {
    if (header === undefined || header === '') return 'missing';
    if (Array.isArray(header)) return 'invalid';
    const match = BEARER.exec(header.trim());
    if (!match) return 'invalid';
    return timingSafeEqual(digest(match[1]!), expected) ? 'valid' : 'invalid';
  };
}

/** The WWW-Authenticate challenge of a 401 (RFC 6750 §3): `invalid_token` once a token was sent. */
export function bearerChallenge(check: Exclude<BearerCheck, 'valid'>): string {
  return check === 'missing' ? 'Bearer realm="c4ang"' : 'Bearer realm="c4ang", error="invalid_token"';
}
