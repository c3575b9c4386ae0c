// The objects of one k6-operator run, from the run's configuration: the plan (names, namespace, env),
// the bundle read once, and the Secret, ConfigMap and TestRun built from them and checked by our own
// validation — what phase 1's preflight sends to the API server as a dry run, what the engine applies
// and what `--dry-run` prints. Runs in: Node.
import { readFile } from 'node:fs/promises';
import type { RunConfig } from '../../config.ts';
import { ConfigError } from '../../errors.ts';
import { configMapManifest, type K8sManifest, secretManifest, testRunManifest } from './manifests.ts';
import { type OperatorRunPlan, planOperatorRun } from './operator-plan.ts';
import { manifestProblems } from './validate-manifests.ts';

/** The Secret, ConfigMap and TestRun of a plan, in apply order. */
export function runObjects(
  plan: OperatorRunPlan,
  bundle: string,
  options: { redact: boolean },
): K8sManifest[] {
  return [secretManifest(plan, options), configMapManifest(plan, bundle), testRunManifest(plan)];
}

/** The objects of a run from its configuration, checked by our own validation (ConfigError, 104). */
export async function plannedObjects(
  config: RunConfig,
  buildBundle: (profile: string) => Promise<string>,
  options: { redact: boolean },
): Promise<{ plan: OperatorRunPlan; bundle: string; objects: K8sManifest[] }> {
  const plan = planOperatorRun(config);
  const bundle = await readFile(await buildBundle(config.profile), 'utf8');
  const objects = runObjects(plan, bundle, options);
  const problems = manifestProblems(objects);
  if (problems.length > 0)
    throw new ConfigError('the k6-operator objects of this run are not valid:', problems);
  return { plan, bundle, objects };
}
