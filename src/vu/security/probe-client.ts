// How a probe sends a request: raw body and headers as given (the API client would add a token and a
// JSON content type), tagged with its probe, paced to half the expected rate limit so the probes are
// never the ones rate-limited, no redirects followed (a 302 to a login page is not a 401), and every
// answer screened for leaked internals. Runs in: VU.
import { check } from 'k6';
import http, { type RefinedResponse } from 'k6/http';
import type { VuEnv } from '../env.ts';
import { pause } from '../pause.ts';
import { findLeaks } from './leak-patterns.ts';
import { PROBES, type ProbeName } from './probe-catalogue.ts';

export type ProbeResponse = RefinedResponse<'text'>;
export type ExpectedStatus = number | { readonly min: number; readonly max: number };
/** Any 4xx: what the input probes expect. */
export const CLIENT_ERRORS: readonly ExpectedStatus[] = [{ min: 400, max: 499 }];
/** Any status at all: probes judged only on headers or body. */
export const ANY_STATUS: readonly ExpectedStatus[] = [{ min: 100, max: 599 }];

export interface ProbeRequest {
  readonly probe: ProbeName;
  readonly method: string;
  readonly path: string;
  /** The route as a template, for the `name` tag. */
  readonly name: string;
  readonly service: string;
  readonly body?: string;
  readonly contentType?: string;
  /** 'run-token': the run's AUTH_TOKEN when it has one; undefined: no Authorization header. */
  readonly authorization: string | 'run-token' | undefined;
  readonly headers?: Record<string, string>;
  /** Statuses http_req_failed counts as expected for this request (numbers or ranges). */
  readonly expected: readonly ExpectedStatus[];
  /** Label of the leak check of this answer (one check name per probe request). */
  readonly leakLabel: string;
}

const TIMEOUT = '10s';

/** Characters encodeURIComponent leaves alone that URL parsers treat differently: always escaped. */
export function encodeStrict(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface ProbeClient {
  /** One request at the pace; resolves with the answer once it was screened for leaks. */
  send(request: ProbeRequest): Promise<ProbeResponse>;
  /** Many at once, without pacing (the burst); each answer screened under `leakLabel`. */
  sendAtOnce(request: ProbeRequest, count: number): Promise<ProbeResponse[]>;
}

export function createProbeClient(env: VuEnv, rateLimitPerSecond: number): ProbeClient {
  const intervalMs = 1000 / (rateLimitPerSecond / 2);
  let lastSentAt = 0;
  const callbacks = new Map<string, ReturnType<typeof http.expectedStatuses>>();
  const callbackFor = (expected: readonly ExpectedStatus[]) => {
    const key = JSON.stringify(expected);
    let callback = callbacks.get(key);
    if (!callback) {
      callback = http.expectedStatuses(...expected.map((e) => (typeof e === 'number' ? e : { ...e })));
      callbacks.set(key, callback);
    }
    return callback;
  };

  const issue = async (request: ProbeRequest): Promise<ProbeResponse> => {
    const headers: Record<string, string> = {
      Host: env.apiHost,
      Accept: 'application/json',
      ...request.headers,
    };
    const authorization =
      request.authorization === 'run-token'
        ? env.authToken && `Bearer ${env.authToken}`
        : request.authorization;
    if (authorization !== undefined) headers.Authorization = authorization;
    if (request.contentType) headers['Content-Type'] = request.contentType;
    const response = await http.asyncRequest(
      request.method,
      `${env.baseUrl}${request.path}`,
      request.body ?? null,
      {
        headers,
        tags: {
          probe: PROBES[request.probe].tag,
          service: request.service,
          op: `security_${PROBES[request.probe].tag}`,
          name: request.name,
        },
        responseCallback: callbackFor(request.expected),
        redirects: 0,
        timeout: TIMEOUT,
      },
    );
    const res = response as ProbeResponse;
    const leaks = findLeaks(typeof res.body === 'string' ? res.body : '', res.headers);
    check(
      res,
      { [`${PROBES.internals.checkPrefix}${request.leakLabel}`]: () => leaks.length === 0 },
      { probe: PROBES.internals.tag },
    );
    return res;
  };

  return {
    async send(request) {
      const waitMs = lastSentAt + intervalMs - Date.now();
      if (waitMs > 0) await pause(waitMs);
      lastSentAt = Date.now();
      return issue(request);
    },
    async sendAtOnce(request, count) {
      const answers = await Promise.all(Array.from({ length: count }, () => issue(request)));
      lastSentAt = Date.now();
      return answers;
    },
  };
}

/** A check tagged with its probe, named `<probe prefix><what>`. */
export function probeCheck(probe: ProbeName, what: string, passed: boolean): boolean {
  return check(null, { [`${PROBES[probe].checkPrefix}${what}`]: () => passed }, { probe: PROBES[probe].tag });
}
