// The canary split as the VUs carry it out: a seeded share of iterations is v2 — every request of such
// an iteration carries the canary header (as the platform's VirtualService routes on it) — and every
// request of a canary run is tagged `version:v1|v2`, so results compare the two. Read from __ENV
// (CANARY_SPLIT, CANARY_HEADER); the Node side checks the same rules before load. Runs in: VU and Node.
import { createRandom, type RandomSource, seedForVu } from './seeded-random.ts';

/** Names of the canary variables of the VU environment. */
export const CANARY_ENV_NAMES = ['CANARY_SPLIT', 'CANARY_HEADER'] as const;

/** The header the platform's VirtualService `order-api-canary` routes to subset v2 (seed plan §2.1). */
export const DEFAULT_CANARY_HEADER = 'x-version=v2';

/** The tag every request of a canary run carries, and its two values. */
export const VERSION_TAG = 'version';
export type CanaryVersion = 'v1' | 'v2';

export interface CanaryHeader {
  readonly name: string;
  readonly value: string;
}

export interface CanarySplit {
  /** Share of iterations sent as v2, percent: 0 < splitPercent ≤ 100. */
  readonly splitPercent: number;
  readonly header: CanaryHeader;
}

type RawEnv = Readonly<Record<string, string | undefined>>;

// RFC 9110 token characters for the name; the value is printable ASCII, so no CR/LF can smuggle a header.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

/** `x-version=v2` → the header; a problem text (without the variable's name) when malformed. */
export function parseCanaryHeader(text: string): CanaryHeader | string {
  const at = text.indexOf('=');
  const name = at > 0 ? text.slice(0, at).trim() : '';
  const value = at > 0 ? text.slice(at + 1).trim() : '';
  if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value))
    return `must be <header name>=<value> such as ${DEFAULT_CANARY_HEADER} (got "${text}")`;
  return { name: name.toLowerCase(), value };
}

/** `10` or `10%` → 10; a problem text when not a number with 0 < s ≤ 100. */
export function parseSplitPercent(text: string): number | string {
  const value = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 100)
    return `must be a percentage with 0 < split ≤ 100 (got "${text}")`;
  return value;
}

/** Every problem of the canary variables, one line each naming the variable; empty when valid. */
export function findCanaryEnvProblems(raw: RawEnv): string[] {
  const problems: string[] = [];
  if (raw.CANARY_SPLIT !== undefined) {
    const split = parseSplitPercent(raw.CANARY_SPLIT);
    if (typeof split === 'string') problems.push(`CANARY_SPLIT: ${split}`);
  } else if (raw.CANARY_HEADER !== undefined) problems.push('CANARY_HEADER: only with CANARY_SPLIT');
  if (raw.CANARY_HEADER !== undefined) {
    const header = parseCanaryHeader(raw.CANARY_HEADER);
    if (typeof header === 'string') problems.push(`CANARY_HEADER: ${header}`);
  }
  return problems;
}

/** The run's canary split, or undefined for an ordinary run; throws listing every problem. */
export function parseCanaryEnv(raw: RawEnv): CanarySplit | undefined {
  const problems = findCanaryEnvProblems(raw);
  if (problems.length > 0) throw new Error(`invalid environment:\n  ${problems.join('\n  ')}`);
  if (raw.CANARY_SPLIT === undefined) return undefined;
  return Object.freeze({
    splitPercent: parseSplitPercent(raw.CANARY_SPLIT) as number,
    header: parseCanaryHeader(raw.CANARY_HEADER ?? DEFAULT_CANARY_HEADER) as CanaryHeader,
  });
}

/** What one iteration sends: its version tag, and the canary header when it is v2. */
export interface IterationVersion {
  readonly version: CanaryVersion;
  readonly headers: Readonly<Record<string, string>>;
}

/** Salt of the picker's stream, so drawing versions never shifts the traffic mix's own sequence. */
const CANARY_STREAM_SALT = 0x5bd1e995;

/**
 * One VU's versions: `next()` draws the version of the iteration about to start (v2 with probability
 * splitPercent / 100 from a seeded stream of its own), `current()` is what its requests carry.
 */
export function createVersionPicker(split: CanarySplit, runSeed: number, vuId: number) {
  const random: RandomSource = createRandom(seedForVu((runSeed ^ CANARY_STREAM_SALT) >>> 0, vuId));
  const v1: IterationVersion = Object.freeze({ version: 'v1', headers: Object.freeze({}) });
  const v2: IterationVersion = Object.freeze({
    version: 'v2',
    headers: Object.freeze({ [split.header.name]: split.header.value }),
  });
  let current = v1;
  return {
    next(): IterationVersion {
      current = random() * 100 < split.splitPercent ? v2 : v1;
      return current;
    },
    current: (): IterationVersion => current,
  };
}

/** Sub-metrics per version for k6's summary (k6 reports a sub-metric only when a threshold names it). */
export function versionSubmetrics(): string[] {
  return (['v1', 'v2'] as const).flatMap((version) => [
    `http_req_duration{${VERSION_TAG}:${version}}`,
    `http_req_failed{${VERSION_TAG}:${version}}`,
  ]);
}
