// The C4ang API as the VUs call it (DESIGN.md §1): the one place to adapt when the real API differs.
// Every request carries Host/auth headers and the tags results break down by (in a canary run also
// its iteration's version, and the canary header when that is v2). Runs in: VU.
import http, { type RefinedResponse } from 'k6/http';
import { Counter } from 'k6/metrics';
import type { IterationVersion } from './canary.ts';
import type { VuEnv } from './env.ts';

/** 503s the gateway answered itself because a connection pool overflowed (Envoy's `UO` flag). */
const gatewayOverflows = new Counter('gateway_overflows');

type Response = RefinedResponse<'text'>;

/** What a request is, for tags: service label, operation and a URL template (the `name` tag). */
interface RequestSpec {
  readonly service: string;
  readonly op: string;
  readonly name: string;
  /** Statuses that count as success for http_req_failed (others are failures). */
  readonly expected: readonly number[];
}

export interface ApiClient {
  request(
    method: string,
    path: string,
    spec: RequestSpec,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

/**
 * A client bound to the run's env; `phase()` gives the current profile phase tag ('' for none) and, in
 * a canary run, `version()` the current iteration's version: its tag and the canary header.
 */
export function createClient(env: VuEnv, phase: () => string, version?: () => IterationVersion): ApiClient {
  const baseHeaders: Record<string, string> = { Host: env.apiHost, Accept: 'application/json' };
  if (env.authToken) baseHeaders.Authorization = `Bearer ${env.authToken}`;
  const callbacks = new Map<string, ReturnType<typeof http.expectedStatuses>>();
  const callbackFor = (expected: readonly number[]) => {
    const key = expected.join(',');
    let callback = callbacks.get(key);
    if (!callback) {
      callback = http.expectedStatuses(...expected);
      callbacks.set(key, callback);
    }
    return callback;
  };

  return {
    async request(method, path, spec, body, headers) {
      const tags: Record<string, string> = { service: spec.service, op: spec.op, name: spec.name };
      const currentPhase = phase();
      if (currentPhase) tags.phase = currentPhase;
      const canary = version?.();
      if (canary) tags.version = canary.version;
      const requestHeaders =
        body === undefined
          ? { ...baseHeaders, ...canary?.headers, ...headers }
          : { ...baseHeaders, 'Content-Type': 'application/json', ...canary?.headers, ...headers };
      const response = await http.asyncRequest(
        method,
        `${env.baseUrl}${path}`,
        body === undefined ? null : JSON.stringify(body),
        {
          headers: requestHeaders,
          tags,
          responseCallback: callbackFor(spec.expected),
        },
      );
      // Adding 0 too gives the counter samples in every phase, so `count==0` criteria are evaluated.
      const overflowTags: Record<string, string> = currentPhase
        ? { service: spec.service, phase: currentPhase }
        : { service: spec.service };
      gatewayOverflows.add(response.status === 503 && isOverflow(response) ? 1 : 0, overflowTags);
      return response as Response;
    },
  };
}

/** Envoy marks circuit-breaker rejections with `x-envoy-overloaded` and the `UO` response flag. */
function isOverflow(response: Response): boolean {
  const headers = response.headers;
  for (const key of Object.keys(headers)) {
    const lower = key.toLowerCase();
    if (lower === 'x-envoy-overloaded') return true;
    if (lower === 'x-response-flags' && /\bUO\b/.test(headers[key])) return true;
  }
  return false;
}

/** Parse a JSON body without throwing: undefined when the body is not JSON. */
export function jsonBody<T>(response: Response): T | undefined {
  try {
    return typeof response.body === 'string' ? (JSON.parse(response.body) as T) : undefined;
  } catch {
    return undefined;
  }
}
