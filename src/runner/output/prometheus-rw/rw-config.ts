// The K6_PROMETHEUS_RW_* environment variables, read the way k6's experimental-prometheus-rw output
// reads them (k6 takes them from its process environment, never from `-e`), into one checked config.
// Every bad value is a problem line naming its variable, so the harness can refuse a run (exit 104)
// before load starts instead of discovering a typo five seconds in. Options the local runner cannot
// honour are problems too when they would change what lands (native histograms rename the metrics;
// client certificates and SigV4 would fail every push) and warnings when they would not.
// Runs in: Node (runner main thread; the harness's validate phase).
import { tryParseDurationMs } from '../../../vu/duration.ts';
import { parseTrendStats, type TrendStat } from './metric-naming.ts';

export const ENV_PREFIX = 'K6_PROMETHEUS_RW_';
export const SERVER_URL_ENV = 'K6_PROMETHEUS_RW_SERVER_URL';
/** k6's defaults (xk6-output-prometheus-remote config.go). */
export const DEFAULT_SERVER_URL = 'http://localhost:9090/api/v1/write';
export const DEFAULT_PUSH_INTERVAL_MS = 5000;
export const DEFAULT_TREND_STATS = 'p(99)';

export interface RemoteWriteConfig {
  serverUrl: string;
  pushIntervalMs: number;
  trendStats: readonly TrendStat[];
  /** Extra request headers, auth included (Authorization). */
  headers: Readonly<Record<string, string>>;
  insecureSkipTlsVerify: boolean;
  /** Minimum TLS version for an https endpoint (k6: 1.3 unless told 1.2). */
  tlsMinVersion: 'TLSv1.2' | 'TLSv1.3';
  /** K6_PROMETHEUS_RW_LABELS: added to every series; a sample's own tags win on a clash. */
  staticLabels: Readonly<Record<string, string>>;
}

export interface ReadConfig {
  config?: RemoteWriteConfig;
  /** One line per bad or unsupported variable; empty when `config` is set. */
  problems: string[];
  /** Variables that are valid but ignored by the local runner. */
  warnings: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** Go's strconv.ParseBool, which k6 uses for its boolean variables. */
function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** The URL for messages, without a password someone put in it. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return text;
  }
}

/** Problems of K6_PROMETHEUS_RW_SERVER_URL alone (also used by the harness's validate phase). */
export function serverUrlProblems(text: string): string[] {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return [];
  return [
    `${SERVER_URL_ENV}: must be an http(s) URL of a remote-write endpoint, e.g. ${DEFAULT_SERVER_URL} (got "${redactUrl(text)}")`,
  ];
}

function parsePairs(name: string, text: string, separator: ':' | '=', problems: string[]) {
  const pairs: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const at = part.indexOf(separator);
    if (at <= 0) {
      problems.push(`${name}: expected key${separator}value pairs separated by commas (got "${part}")`);
      continue;
    }
    pairs[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return pairs;
}

function readBool(env: Env, name: string, problems: string[]): boolean {
  const text = env[name];
  if (text === undefined) return false;
  const value = parseGoBool(text);
  if (value === undefined) problems.push(`${name}: must be true or false (got "${text}")`);
  return value ?? false;
}

function readHeaders(env: Env, problems: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const list = env[`${ENV_PREFIX}HTTP_HEADERS`];
  if (list !== undefined)
    Object.assign(headers, parsePairs(`${ENV_PREFIX}HTTP_HEADERS`, list, ':', problems));
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith(`${ENV_PREFIX}HEADERS_`) && value !== undefined)
      headers[name.slice(`${ENV_PREFIX}HEADERS_`.length)] = value;
  }
  const username = env[`${ENV_PREFIX}USERNAME`];
  const bearer = env[`${ENV_PREFIX}BEARER_TOKEN`];
  if (username !== undefined && bearer !== undefined)
    problems.push(
      `${ENV_PREFIX}USERNAME and ${ENV_PREFIX}BEARER_TOKEN: set one of basic auth or a bearer token, not both`,
    );
  else if (username !== undefined) {
    const password = env[`${ENV_PREFIX}PASSWORD`] ?? '';
    headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  } else if (bearer !== undefined) headers.Authorization = `Bearer ${bearer}`;
  return headers;
}

function readStaticLabels(env: Env, problems: string[]): Record<string, string> {
  const text = env[`${ENV_PREFIX}LABELS`];
  if (text === undefined) return {};
  const labels: Record<string, string> = {};
  // k6 ignores empty names or values and the reserved __name__.
  for (const [name, value] of Object.entries(parsePairs(`${ENV_PREFIX}LABELS`, text, '=', problems)))
    if (name !== '' && value !== '' && name !== '__name__') labels[name] = value;
  return labels;
}

/** What the local runner cannot do: problems when it would change what lands, warnings otherwise. */
function unsupported(env: Env, problems: string[], warnings: string[]): void {
  if (readBool(env, `${ENV_PREFIX}TREND_AS_NATIVE_HISTOGRAM`, problems))
    problems.push(
      `${ENV_PREFIX}TREND_AS_NATIVE_HISTOGRAM=true: native histograms are not supported by the local runner (trends are sent as K6_PROMETHEUS_RW_TREND_STATS gauges); use real k6 for them`,
    );
  for (const name of ['CLIENT_CERTIFICATE', 'CLIENT_CERTIFICATE_KEY', 'SIGV4_REGION']) {
    if (env[`${ENV_PREFIX}${name}`] !== undefined)
      problems.push(`${ENV_PREFIX}${name}: not supported by the local runner; use real k6 for this endpoint`);
  }
  if (readBool(env, `${ENV_PREFIX}STALE_MARKERS`, problems))
    warnings.push(
      `${ENV_PREFIX}STALE_MARKERS is ignored by the local runner (series go stale after Prometheus's 5 min lookback)`,
    );
}

/**
 * Reads every K6_PROMETHEUS_RW_* variable. `localRunner`: also report what only real k6 supports
 * (the harness asks with its engine; k6-local always does).
 */
export function readRemoteWriteConfig(env: Env, options: { localRunner?: boolean } = {}): ReadConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const serverUrl = env[SERVER_URL_ENV] ?? DEFAULT_SERVER_URL;
  problems.push(...serverUrlProblems(serverUrl));

  const intervalText = env[`${ENV_PREFIX}PUSH_INTERVAL`];
  const pushIntervalMs =
    intervalText === undefined ? DEFAULT_PUSH_INTERVAL_MS : tryParseDurationMs(intervalText);
  if (pushIntervalMs === undefined || pushIntervalMs <= 0)
    problems.push(
      `${ENV_PREFIX}PUSH_INTERVAL: must be a duration above 0 like 5s or 500ms (got "${intervalText}")`,
    );

  const trend = parseTrendStats(env[`${ENV_PREFIX}TREND_STATS`] ?? DEFAULT_TREND_STATS);
  problems.push(...trend.problems.map((p) => `${ENV_PREFIX}TREND_STATS: ${p}`));

  // k6's docs name it TLS_MINIMUM_VERSION; some k6 releases read TLS_MIN_VERSION: take either.
  const tlsName = [`${ENV_PREFIX}TLS_MINIMUM_VERSION`, `${ENV_PREFIX}TLS_MIN_VERSION`].find(
    (name) => env[name] !== undefined,
  );
  const tlsText = tlsName === undefined ? '1.3' : (env[tlsName] as string);
  if (tlsText !== '1.2' && tlsText !== '1.3')
    problems.push(`${tlsName}: must be 1.2 or 1.3 (got "${tlsText}")`);

  const insecureSkipTlsVerify = readBool(env, `${ENV_PREFIX}INSECURE_SKIP_TLS_VERIFY`, problems);
  const headers = readHeaders(env, problems);
  const staticLabels = readStaticLabels(env, problems);
  if (options.localRunner) unsupported(env, problems, warnings);
  if (problems.length > 0) return { problems, warnings };
  return {
    config: {
      serverUrl,
      pushIntervalMs: pushIntervalMs as number,
      trendStats: trend.stats,
      headers,
      insecureSkipTlsVerify,
      tlsMinVersion: tlsText === '1.2' ? 'TLSv1.2' : 'TLSv1.3',
      staticLabels,
    },
    problems,
    warnings,
  };
}
