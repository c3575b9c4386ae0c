// PodChaos (pod-kill, pod-failure, container-kill): normalise + validate a spec, standalone or
// embedded in a Schedule. Adds harness rules: duration on pod-failure, containerNames on
// container-kill naming the app container (not istio-proxy). Node side; pure.
import { readModeValue } from '../mode.ts';
import type { FieldPath, ProblemCollector } from '../problem.ts';
import { readSelector } from '../selector.ts';
import {
  compact,
  readDuration,
  readInteger,
  readString,
  readStringList,
  rejectUnknownKeys,
  type Fields,
} from './field-checks.ts';
import type { PodChaosSpec } from './types.ts';

const ACTIONS = ['pod-kill', 'pod-failure', 'container-kill'] as const;
const KEYS = [
  'action',
  'mode',
  'value',
  'selector',
  'containerNames',
  'duration',
  'gracePeriod',
  'remoteCluster',
];
const SIDECARS = ['istio-proxy', 'istio-init', 'linkerd-proxy', 'envoy'];

export function readPodChaosSpec(
  c: ProblemCollector,
  path: FieldPath,
  raw: Fields,
  namespace: string | undefined,
): PodChaosSpec | undefined {
  rejectUnknownKeys(c, path, raw, KEYS, ['scheduler']);
  const action = readString(c, [...path, 'action'], raw.action, { required: true, oneOf: ACTIONS });
  const { mode, value } = readModeValue(c, path, raw);
  const selector = readSelector(c, [...path, 'selector'], raw.selector, namespace);
  const containerNames = readStringList(c, [...path, 'containerNames'], raw.containerNames);
  const duration = readDuration(c, [...path, 'duration'], raw.duration);
  const gracePeriod = readInteger(c, [...path, 'gracePeriod'], raw.gracePeriod, { min: 0 });

  if (action === 'container-kill') {
    if (!containerNames?.length) {
      c.error(
        [...path, 'containerNames'],
        'required for container-kill (expected the app container name, e.g. [order-service])',
      );
    } else {
      containerNames.forEach((name, i) => {
        if (SIDECARS.includes(name)) {
          c.warn([...path, 'containerNames', i], `"${name}" is the mesh sidecar; expected the app container`);
        }
      });
    }
  } else if (containerNames?.length) {
    c.warn([...path, 'containerNames'], `ignored by ${action} (it acts on the whole pod)`);
  }
  if (action === 'pod-failure' && duration === undefined && raw.duration === undefined) {
    c.error(
      [...path, 'duration'],
      'required for pod-failure: without it the pods stay broken until the object is deleted (expected e.g. "30s")',
    );
  }
  if ((action === 'pod-kill' || action === 'container-kill') && duration !== undefined) {
    c.warn([...path, 'duration'], `ignored: ${action} is one-shot`);
  }
  if (gracePeriod !== undefined && action !== 'pod-kill')
    c.warn([...path, 'gracePeriod'], `ignored by ${action}`);
  if (!action || !mode || !selector) return undefined;
  return compact<PodChaosSpec>({ action, mode, value, selector, containerNames, gracePeriod, duration });
}
