// Typed parser for the VU-side environment (`__ENV` in k6 and in the local runner). Pure TS with no
// imports, so the Node side can run the same rules before any load starts. Runs in: VU and Node.

/** The environment every scenario reads, resolved once per VU from `__ENV`. */
export interface VuEnv {
  /** Gateway base URL without a trailing slash, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  /** Value of the `Host` header (the Istio gateway routes on it). */
  readonly apiHost: string;
  /** Bearer token sent as `Authorization` when set. */
  readonly authToken: string | undefined;
  /** Multiplies every duration of the profile; 0 < loadScale ≤ 1. */
  readonly loadScale: number;
  /** Multiplies VU counts and arrival rates; 0 < vuScale ≤ 10. */
  readonly vuScale: number;
  /** Identifies the run in results and idempotency keys. */
  readonly runId: string;
  /** Folder that handleSummary writes into (relative to the working directory or absolute). */
  readonly resultsDir: string;
  /** Seed of the traffic-mix and test-data pickers (a 32-bit unsigned integer). */
  readonly seed: number;
}

/** Names of the variables the VU side reads, for docs and for forwarding from the Node side. */
export const VU_ENV_NAMES = [
  'BASE_URL',
  'API_HOST',
  'AUTH_TOKEN',
  'LOAD_SCALE',
  'VU_SCALE',
  'RUN_ID',
  'RESULTS_DIR',
  'SEED',
] as const;

export const DEFAULT_BASE_URL = 'http://127.0.0.1:8080';
export const DEFAULT_API_HOST = 'api.c4ang.com';

type RawEnv = Readonly<Record<string, string | undefined>>;

/** Every problem in `raw`, one line each naming the variable; empty when the env is valid. */
export function findVuEnvProblems(raw: RawEnv): string[] {
  const problems: string[] = [];
  const baseUrl = raw.BASE_URL;
  if (baseUrl !== undefined && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(baseUrl)) {
    problems.push(`BASE_URL: must be an http(s) URL such as ${DEFAULT_BASE_URL} (got "${baseUrl}")`);
  }
  const host = raw.API_HOST;
  if (host !== undefined && !/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) {
    problems.push(`API_HOST: must be a host name such as ${DEFAULT_API_HOST} (got "${host}")`);
  }
  checkNumber(raw, 'LOAD_SCALE', 0, 1, problems);
  checkNumber(raw, 'VU_SCALE', 0, 10, problems);
  const seed = raw.SEED;
  if (seed !== undefined && !/^\d{1,10}$/.test(seed)) {
    problems.push(`SEED: must be a whole number 0..4294967295 (got "${seed}")`);
  }
  const runId = raw.RUN_ID;
  // It names a folder: starting with a letter or digit keeps '.', '..' and hidden names out.
  if (runId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(runId)) {
    problems.push(
      `RUN_ID: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 80 (got "${runId}")`,
    );
  }
  // A header value: CR/LF or spaces would make every request fail (or smuggle a header).
  // The value is a secret, so it is never echoed.
  const token = raw.AUTH_TOKEN;
  if (token !== undefined && token !== '' && !/^[\x21-\x7e]+$/.test(token)) {
    problems.push('AUTH_TOKEN: must be printable ASCII without spaces or line breaks (value not shown)');
  }
  return problems;
}

function checkNumber(raw: RawEnv, name: string, exclusiveMin: number, max: number, problems: string[]): void {
  const text = raw[name];
  if (text === undefined) return;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= exclusiveMin || value > max) {
    problems.push(`${name}: must be a number with ${exclusiveMin} < ${name} ≤ ${max} (got "${text}")`);
  }
}

/** Parse `raw` into a VuEnv; throws one Error listing every problem (k6 then exits with a script error). */
export function parseVuEnv(raw: RawEnv): VuEnv {
  const problems = findVuEnvProblems(raw);
  if (problems.length > 0) {
    throw new Error(`invalid environment:\n  ${problems.join('\n  ')}`);
  }
  const runId = raw.RUN_ID ?? 'adhoc';
  return Object.freeze({
    baseUrl: (raw.BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    apiHost: raw.API_HOST ?? DEFAULT_API_HOST,
    authToken: raw.AUTH_TOKEN || undefined,
    loadScale: raw.LOAD_SCALE === undefined ? 1 : Number(raw.LOAD_SCALE),
    vuScale: raw.VU_SCALE === undefined ? 1 : Number(raw.VU_SCALE),
    runId,
    resultsDir: raw.RESULTS_DIR ?? `results/${runId}`,
    seed: raw.SEED === undefined ? hashToSeed(runId) : Number(raw.SEED) >>> 0,
  });
}

/** FNV-1a of a string: a stable default seed per run id. */
export function hashToSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
