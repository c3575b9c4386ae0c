// k6's http Response object: status, body (per responseType), canonical-case headers, json(selector),
// timings, error/error_code. Body and headers decode lazily so scripts that never read them pay
// nothing. Runs in: VU thread.
import type { RawResponse, Timings } from './send-request.ts';

export type ResponseType = 'text' | 'binary' | 'none';

/** Go's CanonicalMIMEHeaderKey: 'content-type' → 'Content-Type'. */
export function canonicalHeaderKey(name: string): string {
  let out = '';
  let upper = true;
  for (const ch of name) {
    out += upper ? ch.toUpperCase() : ch.toLowerCase();
    upper = ch === '-';
  }
  return out;
}

/** Minimal gjson-style selector: dot-separated keys and array indexes ('items.0.id'). */
function select(value: unknown, selector: string): unknown {
  let node = value;
  for (const key of selector.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) && key === '#' ? node.length : (node as Record<string, unknown>)[key];
  }
  return node;
}

export interface RequestInfo {
  method: string;
  url: string;
  headers: Record<string, string[]>;
  body: string;
  cookies: Record<string, unknown>;
}

export class K6Response {
  readonly status: number;
  readonly status_text: string;
  readonly proto = 'HTTP/1.1';
  readonly url: string;
  readonly error: string;
  readonly error_code: number;
  readonly timings: Timings;
  readonly request: RequestInfo;
  readonly remote_ip = '';
  readonly remote_port = 0;
  readonly tls_version = '';
  readonly cookies: Record<string, unknown> = {};
  readonly #raw: RawResponse;
  readonly #responseType: ResponseType;
  #body: string | ArrayBuffer | null | undefined;
  #headers: Record<string, string> | undefined;
  #json: unknown;

  constructor(raw: RawResponse, url: string, request: RequestInfo, responseType: ResponseType) {
    this.#raw = raw;
    this.#responseType = responseType;
    this.status = raw.status;
    this.status_text = raw.status ? `${raw.status} ${raw.statusText}` : '';
    this.url = url;
    this.error = raw.failure?.message ?? '';
    this.error_code = raw.failure?.code ?? 0;
    this.timings = raw.timings;
    this.request = request;
  }

  get body(): string | ArrayBuffer | null {
    if (this.#body === undefined) {
      const buffer = this.#raw.body;
      if (buffer === null || this.#responseType === 'none') this.#body = null;
      else if (this.#responseType === 'binary')
        this.#body = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length) as ArrayBuffer;
      else this.#body = buffer.toString('utf8');
    }
    return this.#body;
  }

  get headers(): Record<string, string> {
    if (!this.#headers) {
      const headers: Record<string, string> = {};
      const raw = this.#raw.rawHeaders;
      for (let i = 0; i + 1 < raw.length; i += 2) {
        const key = canonicalHeaderKey(String(raw[i]));
        const value = String(raw[i + 1]);
        headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
      }
      this.#headers = headers;
    }
    return this.#headers;
  }

  /** Parse the body as JSON; with a selector return that part (k6 uses gjson paths; we support dot paths). */
  json(selector?: string): unknown {
    if (this.#json === undefined) {
      const body = this.body;
      if (typeof body !== 'string')
        throw new Error('cannot parse json: the response has no text body (responseType)');
      this.#json = JSON.parse(body);
    }
    return selector ? select(this.#json, selector) : this.#json;
  }

  html(): never {
    throw new Error('Response.html() is not supported by the local runner');
  }
}
