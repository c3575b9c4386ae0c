// NetworkChaos: normalise + validate a spec. The harness carries out `delay` (locally as a gateway
// fault); the other actions validate but only the chaos-mesh provider can apply them. Node side.
import { readModeValue } from '../mode.ts';
import type { FieldPath, ProblemCollector } from '../problem.ts';
import { readSelector } from '../selector.ts';
import {
  compact,
  readDuration,
  readObject,
  readString,
  readStringList,
  rejectUnknownKeys,
  type Fields,
} from './field-checks.ts';
import type { NetworkChaosSpec, NetworkDelay, PodTargeting } from './types.ts';

const ACTIONS = ['netem', 'delay', 'loss', 'duplicate', 'corrupt', 'partition', 'bandwidth'] as const;
const BLOCKS = ['delay', 'loss', 'duplicate', 'corrupt', 'bandwidth', 'rate'];
const KEYS = [
  'action',
  'mode',
  'value',
  'selector',
  ...BLOCKS,
  'direction',
  'target',
  'externalTargets',
  'device',
  'targetDevice',
  'duration',
  'remoteCluster',
];

export function readNetworkChaosSpec(
  c: ProblemCollector,
  path: FieldPath,
  raw: Fields,
  namespace: string | undefined,
): NetworkChaosSpec | undefined {
  rejectUnknownKeys(c, path, raw, KEYS, ['scheduler']);
  const action = readString(c, [...path, 'action'], raw.action, { required: true, oneOf: ACTIONS });
  const { mode, value } = readModeValue(c, path, raw);
  const selector = readSelector(c, [...path, 'selector'], raw.selector, namespace);
  const delay = action === 'delay' ? readDelay(c, [...path, 'delay'], raw.delay) : undefined;
  if (
    action &&
    action !== 'delay' &&
    action !== 'partition' &&
    action !== 'netem' &&
    raw[action] === undefined
  ) {
    c.error([...path, action], `required for action ${action}`);
  }
  const direction = readString(c, [...path, 'direction'], raw.direction, {
    oneOf: ['to', 'from', 'both'] as const,
  });
  const target = readTarget(c, [...path, 'target'], raw.target, namespace);
  const externalTargets = readStringList(c, [...path, 'externalTargets'], raw.externalTargets);
  const duration = readDuration(c, [...path, 'duration'], raw.duration);
  if (action !== 'partition' && (direction === 'from' || direction === 'both') && !target) {
    c.error([...path, 'target'], `required when direction is ${direction}`);
  }
  if (externalTargets?.length && direction && direction !== 'to') {
    c.error([...path, 'externalTargets'], `only works with direction: to (got ${direction})`);
  }
  if (duration === undefined && raw.duration === undefined) {
    c.warn(
      [...path, 'duration'],
      'not set: the fault stays until the object is deleted (expected e.g. "60s")',
    );
  }
  if (!action || !mode || !selector || (action === 'delay' && !delay)) return undefined;
  return compact<NetworkChaosSpec>({
    action,
    mode,
    value,
    selector,
    delay,
    direction,
    target,
    externalTargets,
    duration,
  });
}

function readDelay(c: ProblemCollector, path: FieldPath, value: unknown): NetworkDelay | undefined {
  const raw = readObject(c, path, value, true);
  if (!raw) return undefined;
  rejectUnknownKeys(c, path, raw, ['latency', 'jitter', 'correlation', 'reorder']);
  const latency = readDuration(c, [...path, 'latency'], raw.latency, true);
  const jitter = raw.jitter === '0ms' ? '0ms' : readDuration(c, [...path, 'jitter'], raw.jitter);
  const correlation = readString(c, [...path, 'correlation'], raw.correlation);
  if (!latency) return undefined;
  return compact<NetworkDelay>({ latency, jitter, correlation });
}

function readTarget(
  c: ProblemCollector,
  path: FieldPath,
  value: unknown,
  namespace: string | undefined,
): PodTargeting | undefined {
  const raw = readObject(c, path, value, false);
  if (!raw) return undefined;
  rejectUnknownKeys(c, path, raw, ['mode', 'value', 'selector']);
  const { mode, value: v } = readModeValue(c, path, raw);
  const selector = readSelector(c, [...path, 'selector'], raw.selector, namespace);
  if (!mode || !selector) return undefined;
  return compact<PodTargeting>({ mode, value: v, selector });
}
