// Schedule (the 2.x way to repeat chaos): normalise + validate schedule/type/policy fields and the
// embedded spec, which is validated exactly like a standalone object of its type. Node side.
import { parseCron } from '../cron.ts';
import type { FieldPath, ProblemCollector } from '../problem.ts';
import {
  compact,
  readInteger,
  readObject,
  readString,
  rejectUnknownKeys,
  type Fields,
} from './field-checks.ts';
import { readHTTPChaosSpec } from './http-chaos.ts';
import { rejectLegacyScheduler } from './legacy-scheduler.ts';
import { readNetworkChaosSpec } from './network-chaos.ts';
import { readPodChaosSpec } from './pod-chaos.ts';
import { embeddedKey, type ScheduleSpec, type ScheduledKind } from './types.ts';

const TYPES = ['PodChaos', 'NetworkChaos', 'HTTPChaos'] as const;
const KEYS = [
  'schedule',
  'type',
  'historyLimit',
  'concurrencyPolicy',
  'startingDeadlineSeconds',
  'podChaos',
  'networkChaos',
  'httpChaos',
];
/** Chaos Mesh appends a 6-character suffix to each object a Schedule creates (63 − 6). */
const MAX_SCHEDULE_NAME_LENGTH = 57;

export function readScheduleSpec(
  c: ProblemCollector,
  path: FieldPath,
  raw: Fields,
  name: string | undefined,
  namespace: string | undefined,
): ScheduleSpec | undefined {
  rejectUnknownKeys(c, path, raw, KEYS);
  const cron = readString(c, [...path, 'schedule'], raw.schedule, { required: true });
  if (cron !== undefined) {
    const parsed = parseCron(cron);
    if (!parsed.ok)
      c.error(
        [...path, 'schedule'],
        `not a valid cron spec: ${parsed.message} (expected e.g. "@every 5m" or "*/5 * * * *")`,
      );
  }
  const type = readString(c, [...path, 'type'], raw.type, { required: true, oneOf: TYPES });
  const historyLimit = readInteger(c, [...path, 'historyLimit'], raw.historyLimit, { min: 1 });
  const concurrencyPolicy = readString(c, [...path, 'concurrencyPolicy'], raw.concurrencyPolicy, {
    oneOf: ['Forbid', 'Allow'] as const,
  });
  const startingDeadlineSeconds = readInteger(
    c,
    [...path, 'startingDeadlineSeconds'],
    raw.startingDeadlineSeconds,
    { min: 1 },
  );
  if (name && name.length > MAX_SCHEDULE_NAME_LENGTH) {
    c.error(
      ['metadata', 'name'],
      `too long for a Schedule (got ${name.length} characters, expected ≤ ${MAX_SCHEDULE_NAME_LENGTH}: Chaos Mesh appends a 6-character suffix)`,
    );
  }
  if (!type) return undefined;
  const key = embeddedKey(type);
  for (const other of ['podChaos', 'networkChaos', 'httpChaos']) {
    if (other !== key && raw[other] !== undefined)
      c.error([...path, other], `does not match type ${type} (expected only ${key})`);
  }
  const embedded = readObject(c, [...path, key], raw[key], true);
  if (!embedded) return undefined;
  const spec = readEmbedded(c, [...path, key], type, embedded, name, namespace);
  if (!cron || !spec) return undefined;
  return compact<ScheduleSpec>({
    schedule: cron,
    type,
    historyLimit,
    concurrencyPolicy,
    startingDeadlineSeconds,
    [key]: spec,
  });
}

function readEmbedded(
  c: ProblemCollector,
  path: FieldPath,
  type: ScheduledKind,
  raw: Fields,
  name: string | undefined,
  namespace: string | undefined,
) {
  if (rejectLegacyScheduler(c, path, type, name, namespace, raw)) return undefined;
  if (type === 'PodChaos') return readPodChaosSpec(c, path, raw, namespace);
  if (type === 'NetworkChaos') return readNetworkChaosSpec(c, path, raw, namespace);
  return readHTTPChaosSpec(c, path, raw, namespace);
}
