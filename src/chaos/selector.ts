// `spec.selector` (PodSelectorSpec) validation, plus the label-selector text kubectl takes.
// Adds the harness rules users trip over: explicit namespaces, no empty selector. Node side; pure.
import {
  isObject,
  readObject,
  readString,
  readStringList,
  readStringMap,
  rejectUnknownKeys,
} from './kinds/field-checks.ts';
import type { ExpressionSelector, PodSelector } from './kinds/types.ts';
import { describeValue, type FieldPath, type ProblemCollector } from './problem.ts';

const SELECTOR_KEYS = [
  'namespaces',
  'labelSelectors',
  'expressionSelectors',
  'annotationSelectors',
  'fieldSelectors',
  'podPhaseSelectors',
  'nodes',
  'nodeSelectors',
  'pods',
] as const;
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;

/** Validate a selector; `objectNamespace` is the chaos object's namespace (for the hint). */
export function readSelector(
  c: ProblemCollector,
  path: FieldPath,
  value: unknown,
  objectNamespace: string | undefined,
): PodSelector | undefined {
  const raw = readObject(c, path, value, true);
  if (!raw) return undefined;
  rejectUnknownKeys(c, path, raw, SELECTOR_KEYS);
  const selector: PodSelector = {};
  const namespaces = readStringList(c, [...path, 'namespaces'], raw.namespaces);
  if (namespaces?.length) selector.namespaces = namespaces;
  const maps = ['labelSelectors', 'annotationSelectors', 'fieldSelectors', 'nodeSelectors'] as const;
  for (const key of maps) {
    const map = readStringMap(c, [...path, key], raw[key]);
    if (map && Object.keys(map).length) selector[key] = map;
  }
  const expressions = readExpressions(c, [...path, 'expressionSelectors'], raw.expressionSelectors);
  if (expressions?.length) selector.expressionSelectors = expressions;
  const phases = readStringList(c, [...path, 'podPhaseSelectors'], raw.podPhaseSelectors);
  phases?.forEach((phase, i) => {
    if (!(PHASES as readonly string[]).includes(phase)) {
      c.error(
        [...path, 'podPhaseSelectors', i],
        `unknown phase (got ${describeValue(phase)}, expected one of ${PHASES.join(', ')})`,
      );
    }
  });
  if (phases?.length) selector.podPhaseSelectors = phases;
  const nodes = readStringList(c, [...path, 'nodes'], raw.nodes);
  if (nodes?.length) selector.nodes = nodes;
  const pods = readPods(c, [...path, 'pods'], raw.pods);
  if (pods) selector.pods = pods;

  const narrowing = Object.keys(selector).filter((k) => k !== 'namespaces');
  if (narrowing.length === 0 && !selector.namespaces) {
    c.error(path, 'empty selector (expected labelSelectors, expressionSelectors, pods or another selector)');
  } else if (narrowing.length === 0) {
    c.warn(path, 'selector has only namespaces: it selects every pod in them (expected labelSelectors too)');
  }
  if (!selector.namespaces && !selector.pods) {
    c.warn(
      [...path, 'namespaces'],
      `not set: Chaos Mesh then looks only in the chaos object's own namespace (${objectNamespace ?? '?'}); set it explicitly`,
    );
  }
  if (selector.pods && narrowing.length > 1) {
    c.warn([...path, 'pods'], 'pods is set: Chaos Mesh ignores every other selector field');
  }
  return selector;
}

function readExpressions(
  c: ProblemCollector,
  path: FieldPath,
  value: unknown,
): ExpressionSelector[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    c.error(path, `must be a list of {key, operator, values} (got ${describeValue(value)})`);
    return undefined;
  }
  const out: ExpressionSelector[] = [];
  for (const [i, item] of value.entries()) {
    const p = [...path, i];
    if (!isObject(item)) {
      c.error(p, `must be a map (got ${describeValue(item)})`);
      continue;
    }
    const key = readString(c, [...p, 'key'], item.key, { required: true });
    const operator = readString(c, [...p, 'operator'], item.operator, { required: true, oneOf: OPERATORS });
    const values = readStringList(c, [...p, 'values'], item.values);
    const needsValues = operator === 'In' || operator === 'NotIn';
    if (operator && needsValues && !values?.length)
      c.error([...p, 'values'], `required for operator ${operator}`);
    if (operator && !needsValues && values?.length)
      c.error([...p, 'values'], `must be empty for operator ${operator}`);
    if (key && operator) out.push(values?.length ? { key, operator, values } : { key, operator });
  }
  return out;
}

function readPods(
  c: ProblemCollector,
  path: FieldPath,
  value: unknown,
): Record<string, string[]> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    c.error(path, `must be a map of namespace to pod names (got ${describeValue(value)})`);
    return undefined;
  }
  const out: Record<string, string[]> = {};
  for (const [ns, names] of Object.entries(value)) {
    const list = readStringList(c, [...path, ns], names);
    if (list?.length) out[ns] = list;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The kubectl `-l` text for labelSelectors + expressionSelectors (`a=b,c in (x,y),!d`). */
export function labelSelectorText(selector: PodSelector): string {
  const parts = Object.entries(selector.labelSelectors ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.expressionSelectors ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.join(',');
}
