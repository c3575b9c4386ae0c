// "No internals in error bodies": every error answer (status ≥ 400) leaves the gateway as
// `{"error":{"code","message"}}`. A 5xx gets a fixed message per status whatever the upstream said
// (its detail is for the logs, not the client); a 4xx keeps its message only when it is one short line
// with nothing that looks like a stack frame, a source path, an address or a runtime error code. The
// code survives when it is a plain UPPER_SNAKE token. Runs in: Node (gateway).

/** What a client is told for each 5xx, whatever went wrong inside. */
const SERVER_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  500: 'internal error',
  502: 'the service answered badly; try again later',
  503: 'the service is unavailable; try again later',
  504: 'the service did not answer in time; try again later',
};
const FALLBACK_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  502: 'BAD_GATEWAY',
  503: 'UNAVAILABLE',
  504: 'UPSTREAM_TIMEOUT',
};

const PLAIN_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
const MAX_MESSAGE = 200;

// Independent of the probes' own leak patterns (src/vu/security/leak-patterns.ts) on purpose: the
// probe checks the gateway, so the gateway must not simply borrow the probe's definition.
const INTERNAL_MARKERS: readonly RegExp[] = [
  /\bat\s+\S+\s*\(/, // a stack frame
  /:\d+:\d+\b/, // file:line:column
  /\.(?:[cm]?js|ts|java|kt|py|go|rb|php)\b/, // a source file
  /\/(?:home|usr|var|opt|srv|app|tmp|etc|root|workspace|node_modules)\//, // a file-system path (API paths are fine)
  /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/, // an IPv4 address
  /\bE(?:CONN\w+|ADDR\w+|NOENT|PIPE|TIMEDOUT|HOSTUNREACH|NOTFOUND|ACCES|PERM)\b/, // a runtime error code
  /exception|traceback|stack|sql|syntax error|panic/i,
];

function plainMessage(message: unknown): message is string {
  return (
    typeof message === 'string' &&
    message.length > 0 &&
    message.length <= MAX_MESSAGE &&
    !/[\r\n]/.test(message) &&
    !INTERNAL_MARKERS.some((marker) => marker.test(message))
  );
}

function parsed(body: Buffer): { code?: unknown; message?: unknown } {
  try {
    const value = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown; message?: unknown } };
    return value && typeof value === 'object' && value.error && typeof value.error === 'object'
      ? value.error
      : {};
  } catch {
    return {};
  }
}

/** The body a client gets for an error answer; undefined for a status below 400 (left alone). */
export function scrubErrorBody(status: number, body: Buffer): Buffer | undefined {
  if (status < 400) return undefined;
  const original = parsed(body);
  const code =
    typeof original.code === 'string' && PLAIN_CODE.test(original.code)
      ? original.code
      : (FALLBACK_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'));
  const message =
    status >= 500
      ? (SERVER_ERROR_MESSAGES[status] ?? 'internal error')
      : plainMessage(original.message)
        ? original.message
        : 'the request was refused';
  return Buffer.from(JSON.stringify({ error: { code, message } }));
}
