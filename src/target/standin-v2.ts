// `C4ANG_PERF_STANDIN_V2=<service>[,slowdown=<factor>][,errors=<percent>]` (and `npm run target --
// --v2 …`): the stand-in runs a v2 of one service, so a canary run can be shown failing — e.g.
// `order-service,slowdown=3`. Parsed once at the edge, every problem naming the variable or flag.
// Runs in: Node.
import { DEFAULT_CANARY_HEADER, parseCanaryHeader, type CanaryHeader } from '../vu/canary.ts';
import { SERVICES } from '../vu/services.ts';
import type { StandinV2 } from './types.ts';

export const STANDIN_V2_ENV = 'C4ANG_PERF_STANDIN_V2';

/** What the variable says; the header comes from the canary run (or the plan's default). */
export type StandinV2Spec = Omit<StandinV2, 'header'>;

const FORMAT = '<service>[,slowdown=<factor>][,errors=<percent>], e.g. order-service,slowdown=3';

/** The spec in `text`, or undefined (problems pushed, each starting with `label`); empty is unset. */
export function parseStandinV2(
  text: string | undefined,
  label: string,
  problems: string[],
): StandinV2Spec | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const [name = '', ...options] = text.split(',').map((part) => part.trim());
  // The plan calls a service by its Deployment too (order-api): either names it.
  const service = SERVICES.find((s) => s.name === name || s.app === name)?.name;
  const before = problems.length;
  if (!service)
    problems.push(
      `${label}: "${name}" is not a service (one of ${SERVICES.map((s) => s.name).join(', ')}); format ${FORMAT}`,
    );
  const spec: StandinV2Spec = { service: service ?? name, slowdown: 1, errorPercent: 0 };
  const seen = new Set<string>();
  for (const option of options) {
    const [key = '', value = ''] = option.split('=').map((part) => part.trim());
    const number = Number(value);
    if (seen.has(key)) problems.push(`${label}: ${key} given twice (got "${text}")`);
    seen.add(key);
    if (key === 'slowdown' && value !== '' && number >= 1 && number <= 100) spec.slowdown = number;
    else if (key === 'errors' && value !== '' && number >= 0 && number <= 100) spec.errorPercent = number;
    else if (key === 'slowdown')
      problems.push(`${label}: slowdown must be a factor with 1 ≤ f ≤ 100 (got "${value}")`);
    else if (key === 'errors')
      problems.push(`${label}: errors must be a percentage with 0 ≤ e ≤ 100 (got "${value}")`);
    else problems.push(`${label}: unknown option "${option}"; format ${FORMAT}`);
  }
  return problems.length === before ? spec : undefined;
}

/** The spec with the header v2 is routed on: the canary run's, else the plan's `x-version: v2`. */
export function withV2Header(spec: StandinV2Spec, header?: CanaryHeader): StandinV2 {
  return { ...spec, header: header ?? (parseCanaryHeader(DEFAULT_CANARY_HEADER) as CanaryHeader) };
}

/** "order-service on x-version: v2 (slowdown ×3, errors 0 %)", for log lines. */
export function describeStandinV2(v2: StandinV2): string {
  return `v2 of ${v2.service} on ${v2.header.name}: ${v2.header.value} (slowdown ×${v2.slowdown}, errors ${v2.errorPercent} %)`;
}

/** Problems of a `v2` target option given in code (tests, the load run), each starting with `v2.`. */
export function standinV2Problems(v2: StandinV2 | undefined): string[] {
  if (v2 === undefined) return [];
  const problems: string[] = [];
  if (!SERVICES.some((s) => s.name === v2.service))
    problems.push(`v2.service: must be one of ${SERVICES.map((s) => s.name).join(', ')} (got ${v2.service})`);
  if (!(v2.slowdown >= 1 && v2.slowdown <= 100))
    problems.push(`v2.slowdown: must be a factor with 1 ≤ f ≤ 100 (got ${v2.slowdown})`);
  if (!(v2.errorPercent >= 0 && v2.errorPercent <= 100))
    problems.push(`v2.errorPercent: must be 0..100 (got ${v2.errorPercent})`);
  const header = parseCanaryHeader(`${v2.header?.name}=${v2.header?.value}`);
  if (typeof header === 'string') problems.push(`v2.header: ${header}`);
  return problems;
}
