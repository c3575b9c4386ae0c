// `--engine k6-operator --dry-run`: the objects the run would apply — Secret (keys only, values
// redacted), ConfigMap (the bundle), TestRun, and every chaos experiment with the name and labels it
// would get — as one YAML stream for stdout, checked by the same validation as a real run. Contacts
// nothing: no kubectl, no target (the runners would reach it from the cluster), so it works offline
// with any --target URL. Runs in: Node.
import path from 'node:path';
import { runLabels, uniqueName } from '../../chaos/names.ts';
import { createChaosMeshProvider, formatProblem, loadExperiments, toManifest } from '../../chaos/index.ts';
import type { RunConfig } from '../../config.ts';
import { ConfigError } from '../../errors.ts';
import { plannedObjects } from './run-objects.ts';
import { renderYamlStream, type StreamDocument } from './yaml-stream.ts';

export async function renderDryRun(
  config: RunConfig,
  buildBundle: (profile: string) => Promise<string>,
  log: (line: string) => void,
): Promise<string> {
  const problems: string[] = [];
  const planned = await plannedObjects(config, buildBundle, { redact: true }).catch((error: unknown) => {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return undefined;
  });
  const chaos = await chaosDocuments(config, problems);
  if (problems.length > 0 || !planned) throw new ConfigError('cannot plan the k6-operator run:', problems);
  const { plan, bundle, objects } = planned;
  const [secret, configMap, testRun] = objects;
  log(
    `dry run: ${config.profile} on k6-operator, ${plan.parallelism} runner(s) in namespace ${plan.namespace}; nothing is applied (the objects are on stdout)`,
  );
  const documents: StreamDocument[] = [
    {
      comment: `Secret ${plan.name}: the runners' BASE_URL, API_HOST and AUTH_TOKEN (values redacted here; the harness sets them when it applies)`,
      object: secret,
    },
    {
      comment: `ConfigMap ${plan.name}: the bundled scenario dist/${plan.scriptFile} (${(Buffer.byteLength(bundle) / 1024).toFixed(0)} KiB of at most 1024)`,
      object: configMap,
    },
    {
      comment: `TestRun ${plan.name}: ${plan.parallelism} runner pod(s) of ${plan.runnerImage}, run ${plan.runId}`,
      object: testRun,
    },
    ...chaos,
  ];
  return renderYamlStream(documents);
}

/** The run's chaos manifests as the chaos-mesh provider would apply them (a fresh name, run labels). */
async function chaosDocuments(config: RunConfig, problems: string[]): Promise<StreamDocument[]> {
  if (config.chaosFiles.length === 0) return [];
  const loaded = await loadExperiments(config.chaosFiles);
  problems.push(...loaded.problems.map(formatProblem));
  // The checks that need no cluster (namespaces allowed); the cluster's own are for a real run.
  problems.push(
    ...createChaosMeshProvider({ allowProduction: config.allowProductionContext }).validate(
      loaded.experiments,
    ),
  );
  return loaded.experiments.map((experiment) => {
    const name = uniqueName(experiment.metadata.name, experiment.kind === 'Schedule' ? 57 : 63);
    return {
      comment: `${experiment.kind} ${name}: chaos from ${experiment.source ? path.relative(process.cwd(), experiment.source.file) : experiment.metadata.name}, applied at ${Math.round(config.chaosAt * 100)} % of the run (the name gets a fresh suffix then)`,
      object: toManifest(experiment, { name, labels: runLabels(config.runId) }),
    };
  });
}
