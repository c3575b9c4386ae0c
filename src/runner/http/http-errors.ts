// Maps Node/undici network errors to k6's error codes (k6 docs "Error codes") and k6-like
// messages, so `error_code` tags and Response.error_code match what k6 reports, and builds the
// status-0 response of a request that never got an answer. Runs in: VU thread (and sync HTTP helper).
import type { RawResponse } from './send-request.ts';

/** k6 error code and message for a request that failed without an HTTP response. */
export interface RequestFailure {
  code: number;
  message: string;
}

const BY_ERRNO: Readonly<Record<string, number>> = {
  ECONNREFUSED: 1212,
  ECONNRESET: 1220,
  EPIPE: 1201,
  ENOTFOUND: 1101,
  EAI_AGAIN: 1100,
  ETIMEDOUT: 1211,
  UND_ERR_CONNECT_TIMEOUT: 1211,
  EHOSTUNREACH: 1210,
  ENETUNREACH: 1210,
  EADDRNOTAVAIL: 1210,
};

export const TIMEOUT_FAILURE: RequestFailure = { code: 1050, message: 'request timeout' };

export function invalidUrlFailure(url: string): RequestFailure {
  return { code: 1020, message: `invalid URL: ${url}` };
}

/** Classify an error thrown by undici for `hostPort` (e.g. '127.0.0.1:8080'). */
export function classifyNetworkError(error: unknown, hostPort: string): RequestFailure {
  const err = error as { code?: string; message?: string; cause?: { code?: string } };
  const errno = err?.code ?? err?.cause?.code ?? '';
  const code = BY_ERRNO[errno] ?? 1000;
  if (code === 1212) return { code, message: `dial tcp ${hostPort}: connect: connection refused` };
  if (code === 1220) return { code, message: `read tcp ${hostPort}: read: connection reset by peer` };
  if (code === 1211) return { code, message: `dial tcp ${hostPort}: i/o timeout` };
  if (code === 1101) return { code, message: `lookup ${hostPort}: no such host` };
  return { code, message: err?.message || String(error) };
}

/** The status-0 response, with zero timings and bytes, of a request that failed before any I/O. */
export function failureResponse(failure: RequestFailure): RawResponse {
  return {
    status: 0,
    statusText: '',
    rawHeaders: [],
    body: null,
    failure,
    timings: {
      blocked: 0,
      connecting: 0,
      tls_handshaking: 0,
      sending: 0,
      waiting: 0,
      receiving: 0,
      duration: 0,
    },
    bytesSent: 0,
    bytesReceived: 0,
  };
}
