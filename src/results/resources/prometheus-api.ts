// The few calls of Prometheus' HTTP API the harness makes — range and instant queries, the
// configured scrape interval, readiness — over undici, with a timeout on each. A client library
// would bring an HTTP stack of its own for three GET requests. Credentials in the URL
// (`https://user:pass@host`) are sent as basic auth. Runs in: Node.
import { request } from 'undici';
import { parse } from 'yaml';
import { normalizePrometheusUrl } from './prometheus-url.ts';

/** One series of a range query: its labels and [Unix s, value] pairs (NaN and ±Inf left out). */
export interface RangeSeries {
  metric: Record<string, string>;
  values: [number, number][];
}

/** A failed call: unreachable, an HTTP error, or Prometheus' own error (a bad query). */
export class PrometheusError extends Error {}

const DEFAULT_TIMEOUT_MS = 10_000;

interface ApiBody {
  status?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown; yaml?: string };
}

export class PrometheusApi {
  readonly #base: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;

  constructor(baseUrl: string, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const url = new URL(normalizePrometheusUrl(baseUrl));
    this.#headers = { accept: 'application/json' };
    if (url.username || url.password) {
      const user = decodeURIComponent(url.username);
      const password = decodeURIComponent(url.password);
      this.#headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      url.username = '';
      url.password = '';
    }
    this.#base = normalizePrometheusUrl(url.toString());
    this.#timeoutMs = timeoutMs;
  }

  async #get(path: string, params: Record<string, string> = {}): Promise<ApiBody['data']> {
    const query = new URLSearchParams(params).toString();
    const target = `${this.#base}${path}${query ? `?${query}` : ''}`;
    let statusCode: number;
    let text: string;
    try {
      const response = await request(target, {
        headers: this.#headers,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      statusCode = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      const cause = error as NodeJS.ErrnoException;
      throw new PrometheusError(`unreachable (${cause.code ?? cause.name}: ${cause.message})`, { cause });
    }
    let body: ApiBody;
    try {
      body = JSON.parse(text) as ApiBody;
    } catch {
      throw new PrometheusError(`answered HTTP ${statusCode} without JSON at ${path}; is this a Prometheus?`);
    }
    if (body.status !== 'success') throw new PrometheusError(body.error ?? `answered HTTP ${statusCode}`);
    return body.data;
  }

  /** `query_range` from `startS` to `endS` (Unix s) every `stepS`. */
  async queryRange(promql: string, startS: number, endS: number, stepS: number): Promise<RangeSeries[]> {
    const data = await this.#get('/api/v1/query_range', {
      query: promql,
      start: String(startS),
      end: String(endS),
      step: String(stepS),
    });
    const result = (data?.result ?? []) as { metric: Record<string, string>; values: [number, string][] }[];
    return result.map((series) => ({
      metric: series.metric,
      values: series.values
        .map(([t, v]): [number, number] => [t, Number(v)])
        .filter(([, v]) => Number.isFinite(v)),
    }));
  }

  /** An instant query at `timeS`: one value per series. */
  async query(promql: string, timeS: number): Promise<{ metric: Record<string, string>; value: number }[]> {
    const data = await this.#get('/api/v1/query', { query: promql, time: String(timeS) });
    const result = (data?.result ?? []) as { metric: Record<string, string>; value: [number, string] }[];
    return result.map((series) => ({ metric: series.metric, value: Number(series.value[1]) }));
  }

  /**
   * `global.scrape_interval` of the server's configuration in seconds, or undefined when the server
   * does not show it (managed and federated Prometheus often do not).
   */
  async scrapeIntervalS(): Promise<number | undefined> {
    try {
      const data = await this.#get('/api/v1/status/config');
      const config = parse(data?.yaml ?? '') as { global?: { scrape_interval?: string } } | null;
      return parsePromDurationS(config?.global?.scrape_interval);
    } catch {
      return undefined;
    }
  }
}

const UNIT_S: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  y: 31_536_000,
};

/** A Prometheus duration (`15s`, `1m30s`, `500ms`) in seconds; undefined when it is not one. */
export function parsePromDurationS(text: string | undefined): number | undefined {
  if (!text || !/^(\d+(ms|s|m|h|d|w|y))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g))
    total += Number(amount) * (UNIT_S[unit as string] ?? 0);
  return total > 0 ? total : undefined;
}
