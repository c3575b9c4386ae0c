// HTTPChaos: normalise + validate a spec (target Request/Response, port > 0, matchers, abort /
// delay / replace / patch). replace/patch validate as maps only and are kept as written; the local
// provider supports abort and delay. Node side.
import { readModeValue } from '../mode.ts';
import type { FieldPath, ProblemCollector } from '../problem.ts';
import { readSelector } from '../selector.ts';
import {
  compact,
  readBoolean,
  readDuration,
  readInteger,
  readObject,
  readString,
  rejectUnknownKeys,
  type Fields,
} from './field-checks.ts';
import type { HTTPChaosSpec } from './types.ts';

const KEYS = [
  'mode',
  'value',
  'selector',
  'target',
  'port',
  'path',
  'method',
  'code',
  'request_headers',
  'response_headers',
  'abort',
  'delay',
  'replace',
  'patch',
  'tls',
  'duration',
  'remoteCluster',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'] as const;

export function readHTTPChaosSpec(
  c: ProblemCollector,
  path: FieldPath,
  raw: Fields,
  namespace: string | undefined,
): HTTPChaosSpec | undefined {
  rejectUnknownKeys(c, path, raw, KEYS, ['scheduler']);
  const { mode, value } = readModeValue(c, path, raw);
  const selector = readSelector(c, [...path, 'selector'], raw.selector, namespace);
  const target = readString(c, [...path, 'target'], raw.target, {
    required: true,
    oneOf: ['Request', 'Response'] as const,
  });
  const port = readInteger(c, [...path, 'port'], raw.port, { min: 1, max: 65535 });
  if (raw.port === undefined)
    c.error(
      [...path, 'port'],
      'required: the webhook rejects port ≤ 0 (expected the server port, e.g. 8080)',
    );
  const httpPath = readString(c, [...path, 'path'], raw.path);
  const method = readString(c, [...path, 'method'], raw.method, { oneOf: METHODS });
  const code = readInteger(c, [...path, 'code'], raw.code, { min: 100, max: 599 });
  if (code !== undefined && target === 'Request')
    c.error([...path, 'code'], 'only valid with target: Response');
  const abort = readBoolean(c, [...path, 'abort'], raw.abort);
  const delay = readDuration(c, [...path, 'delay'], raw.delay);
  for (const key of ['request_headers', 'response_headers', 'tls'])
    readObject(c, [...path, key], raw[key], false);
  const replace = readObject(c, [...path, 'replace'], raw.replace, false);
  const patch = readObject(c, [...path, 'patch'], raw.patch, false);
  if (!abort && delay === undefined && raw.replace === undefined && raw.patch === undefined) {
    c.error(path, 'no action (expected abort: true, delay, replace or patch)');
  }
  const duration = readDuration(c, [...path, 'duration'], raw.duration);
  if (raw.duration === undefined)
    c.warn(
      [...path, 'duration'],
      'not set: the fault stays until the object is deleted (expected e.g. "60s")',
    );
  if (!mode || !selector || !target || port === undefined) return undefined;
  return compact<HTTPChaosSpec>({
    mode,
    value,
    selector,
    target,
    port,
    path: httpPath,
    method,
    code,
    abort,
    delay,
    replace,
    patch,
    duration,
  });
}
