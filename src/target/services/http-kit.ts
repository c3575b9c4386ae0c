// JSON request/response helpers shared by the six services (and the response side by the admin API):
// the `{ error: { code, message } }` shape, a bounded body reader, the error a handler throws to answer
// with a 4xx/5xx, and writing a response. Runs in: Node (replica, and the parent's admin API).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Thrown by handlers (and helpers) to answer with a JSON error instead of a 500. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Write `response`: a string body as Prometheus text (metrics), anything else as JSON. */
export function writeResponse(res: ServerResponse, response: ApiResponse): void {
  if (typeof response.body === 'string') {
    res.writeHead(response.status, { 'content-type': 'text/plain; version=0.0.4', ...response.headers });
    res.end(response.body);
    return;
  }
  const payload = JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...response.headers,
  });
  res.end(payload);
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function ok(body: unknown, status = 200): ApiResponse {
  return { status, body };
}

/** Largest request body a service accepts, bytes. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * True for a JSON media type (`application/json`, `application/problem+json`, with any parameters).
 * A body sent without a Content-Type is read as JSON all the same, as the services always did.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return true;
  const type = header.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Read and parse a JSON body; another declared content type is a 415 (as a Spring service answers),
 * and malformed, empty or oversized bodies become a 4xx ApiError.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  if (!isJsonContentType(req.headers['content-type']))
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'request body must be application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `body exceeds ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '')
    throw new ApiError(400, 'INVALID_JSON', 'request body is empty, expected a JSON object');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'INVALID_JSON', 'request body is not valid JSON');
  }
}

export function requireObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function notFound(message: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', message);
}

export function methodNotAllowed(method: string, path: string): ApiError {
  return new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`);
}

/** Cents to the decimal amount the API shows (2 decimals). */
export function centsToAmount(cents: number): number {
  return Math.round(cents) / 100;
}
