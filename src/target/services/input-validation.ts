// Input rules shared by the services: ids and query values must be plain tokens, and anything that
// looks like SQL injection or script is refused with 400 (never reaches a store, never a 500).
// Runs in: Node (replica).
import { ApiError } from './http-kit.ts';

const SAFE_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,255}$/;
const MALICIOUS_PATTERNS: readonly RegExp[] = [
  /<\s*\/?\s*script/i,
  /javascript\s*:/i,
  /\bon[a-z]+\s*=/i,
  /<\s*(img|iframe|svg|object|embed)\b/i,
  /'\s*(or|and)\s+['\d\w]/i,
  /\bunion\s+(all\s+)?select\b/i,
  /;\s*(drop|delete|insert|update|select|truncate|alter)\b/i,
  /\b(drop|truncate)\s+table\b/i,
  /--\s*$/,
  /\/\*.*\*\//,
  /\bsleep\s*\(\s*\d+\s*\)/i,
];

export function looksMalicious(text: string): boolean {
  return MALICIOUS_PATTERNS.some((pattern) => pattern.test(text));
}

/** Every string inside a JSON value, depth-bounded, for the malicious-input scan. */
export function findMaliciousString(value: unknown, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (typeof value === 'string') return looksMalicious(value) ? value : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const hit = findMaliciousString(item, depth + 1);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const hit = looksMalicious(key) ? key : findMaliciousString(item, depth + 1);
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}

export function rejectMalicious(value: unknown, where: string): void {
  const hit = findMaliciousString(value);
  if (hit !== undefined) throw new ApiError(400, 'INVALID_INPUT', `${where} contains disallowed content`);
}

/** A path or query id: a decoded plain token (unknown ids are the caller's 404, odd ones are 400). */
export function parseId(raw: string, field: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'INVALID_INPUT', `${field} is not valid URL encoding`);
  }
  if (!SAFE_TOKEN.test(decoded)) {
    throw new ApiError(400, 'INVALID_INPUT', `${field} must be 1-64 letters, digits, '-' or '_'`);
  }
  return decoded;
}

export function isToken(value: unknown): value is string {
  return typeof value === 'string' && SAFE_TOKEN.test(value);
}

export function parseIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError(400, 'INVALID_INPUT', "Idempotency-Key must be 1-255 letters, digits or '_.:-'");
  }
  return key;
}

/** `limit`/`offset` query values: integers within bounds, defaults when absent. */
export function parsePaging(
  query: URLSearchParams,
  defaultLimit = 20,
  maxLimit = 100,
): { limit: number; offset: number } {
  const limit = parseBoundedInt(query.get('limit'), 'limit', defaultLimit, 1, maxLimit);
  const offset = parseBoundedInt(query.get('offset'), 'offset', 0, 0, 1_000_000);
  return { limit, offset };
}

function parseBoundedInt(
  raw: string | null,
  field: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ApiError(
      400,
      'INVALID_QUERY',
      // Quoted only when it is a plain word or number: raw input is never echoed.
      `${field} must be an integer in ${min}..${max} (got ${/^[\w.+-]{1,40}$/.test(raw) ? raw : 'something else'})`,
    );
  }
  return value;
}

/**
 * Reject query strings with injection-like or script values before any handler sees them. The message
 * never quotes the offending text: an error that echoes a script tag is itself a reflection.
 */
export function rejectMaliciousQuery(query: URLSearchParams): void {
  for (const [key, value] of query) {
    if (looksMalicious(key))
      throw new ApiError(400, 'INVALID_INPUT', 'a query parameter name contains disallowed content');
    if (looksMalicious(value))
      throw new ApiError(
        400,
        'INVALID_INPUT',
        `query parameter ${isToken(key) ? key : '(unnamed)'} contains disallowed content`,
      );
  }
}
