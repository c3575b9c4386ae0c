// Validation of a POST /faults body: every problem is collected, so the local chaos provider gets one
// complete 400 instead of a fix-one-retry loop. Runs in: Node (parent).
import { SERVICE_NAMES } from '../../vu/services.ts';
import type { FaultSpec } from '../types.ts';

const FIELDS = new Set([
  'id',
  'service',
  'kind',
  'delayMs',
  'jitterMs',
  'abortStatus',
  'percent',
  'pathPrefix',
  'method',
  'sourceService',
  'replica',
]);
const TOKEN = /^[A-Za-z0-9_.-]{1,100}$/;
/** Longest injectable delay, ms (10 min). */
const MAX_DELAY_MS = 600_000;

type FaultInput = Omit<FaultSpec, 'id'> & { id?: string };

export function validateFault(
  body: unknown,
): { fault: FaultInput; problems: [] } | { fault: undefined; problems: string[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { fault: undefined, problems: ['body must be a JSON object'] };
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(b)) if (!FIELDS.has(key)) problems.push(`${key}: unknown field`);
  if (!SERVICE_NAMES.includes(b.service as (typeof SERVICE_NAMES)[number])) {
    problems.push(`service: must be one of ${SERVICE_NAMES.join(', ')} (got ${JSON.stringify(b.service)})`);
  }
  if (b.kind !== 'delay' && b.kind !== 'abort')
    problems.push(`kind: must be "delay" or "abort" (got ${JSON.stringify(b.kind)})`);
  if (b.kind === 'delay' && b.delayMs === undefined) problems.push('delayMs: required for kind "delay"');
  checkNumber(problems, b, 'delayMs', 0, MAX_DELAY_MS);
  checkNumber(problems, b, 'jitterMs', 0, MAX_DELAY_MS);
  checkNumber(problems, b, 'percent', 0, 100);
  if (b.abortStatus !== undefined) {
    const s = b.abortStatus;
    if (typeof s !== 'number' || !Number.isInteger(s) || (s !== 0 && (s < 100 || s > 599)))
      problems.push(`abortStatus: must be 0 or an HTTP status 100..599 (got ${JSON.stringify(s)})`);
  }
  if (b.pathPrefix !== undefined && (typeof b.pathPrefix !== 'string' || !b.pathPrefix.startsWith('/')))
    problems.push('pathPrefix: must be a string starting with "/"');
  for (const key of ['id', 'method', 'sourceService', 'replica'] as const) {
    if (b[key] !== undefined && (typeof b[key] !== 'string' || !TOKEN.test(b[key] as string)))
      problems.push(`${key}: must be a plain token`);
  }
  if (problems.length) return { fault: undefined, problems };
  return { fault: b as unknown as FaultInput, problems: [] };
}

function checkNumber(
  problems: string[],
  b: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
): void {
  const value = b[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    problems.push(`${key}: must be a number in ${min}..${max} (got ${JSON.stringify(value)})`);
  }
}
