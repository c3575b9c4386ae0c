// Detects the Chaos Mesh 1.x `spec.scheduler: {cron: …}` form and explains its 2.x equivalent
// (a `kind: Schedule` object embedding the spec). Node side; pure.
import { stringify } from 'yaml';
import type { FieldPath, ProblemCollector } from '../problem.ts';
import { embeddedKey, type ScheduledKind } from './types.ts';

/** Report `scheduler` inside a chaos spec; returns true when it was there. */
export function rejectLegacyScheduler(
  c: ProblemCollector,
  path: FieldPath,
  kind: ScheduledKind,
  name: string | undefined,
  namespace: string | undefined,
  spec: Record<string, unknown>,
): boolean {
  if (!('scheduler' in spec)) return false;
  const scheduler = spec.scheduler as { cron?: unknown } | null;
  const cron = typeof scheduler?.cron === 'string' ? scheduler.cron : '@every 5m';
  const { scheduler: _dropped, ...rest } = spec;
  const equivalent = {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'Schedule',
    metadata: { name: name ?? 'my-schedule', namespace: namespace ?? 'ecommerce' },
    spec: {
      schedule: cron,
      type: kind,
      historyLimit: 5,
      concurrencyPolicy: 'Forbid',
      [embeddedKey(kind)]: rest,
    },
  };
  c.error(
    [...path, 'scheduler'],
    `1.x field, removed in Chaos Mesh 2.x (got scheduler.cron "${cron}", expected a kind: Schedule object ` +
      `with spec.schedule: "${cron}", spec.type: ${kind} and this spec under spec.${embeddedKey(kind)})`,
    `2.x equivalent:\n${stringify(equivalent)}`,
  );
  return true;
}
