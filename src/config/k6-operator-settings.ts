// The k6-operator settings of a load run: --parallelism, --dry-run, C4ANG_PERF_K6_NAMESPACE and
// C4ANG_PERF_RUNNER_IMAGE. Runs in: Node.
import type { EngineChoice, LoadFlags, RunConfig } from '../config.ts';

type Env = Readonly<Record<string, string | undefined>>;

const K8S_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * --parallelism, --dry-run and the k6-operator settings from the environment. They mean something
 * only with --engine k6-operator, so elsewhere they are refused rather than silently ignored; and the
 * operator's runners reach the target from the cluster, so the embedded stand-in (on loopback here)
 * cannot be their target.
 */
export function resolveK6OperatorSettings(
  flags: LoadFlags,
  env: Env,
  engine: EngineChoice,
  targetUrl: string | undefined,
  problems: string[],
): Pick<RunConfig, 'parallelism' | 'dryRun' | 'k6OperatorNamespace' | 'runnerImage'> {
  const operator = engine === 'k6-operator';
  const parallelism = flags.parallelism === undefined ? 1 : Number(flags.parallelism);
  if (
    flags.parallelism !== undefined &&
    !(Number.isInteger(parallelism) && parallelism >= 1 && parallelism <= 1000)
  )
    problems.push(`--parallelism: must be a whole number from 1 to 1000 (got "${flags.parallelism}")`);
  if (!operator && flags.parallelism !== undefined)
    problems.push('--parallelism: only with --engine k6-operator (runner pods share the load)');
  if (!operator && flags.dryRun)
    problems.push('--dry-run: only with --engine k6-operator (it prints the manifests such a run applies)');
  if (operator && !targetUrl)
    problems.push(
      '--target: --engine k6-operator needs the gateway URL as the cluster sees it (the embedded stand-in runs on this machine only)',
    );
  const k6OperatorNamespace = env.C4ANG_PERF_K6_NAMESPACE || 'c4ang-perf';
  if (!K8S_NAME.test(k6OperatorNamespace))
    problems.push(
      `C4ANG_PERF_K6_NAMESPACE: must be a Kubernetes namespace name (got "${k6OperatorNamespace}")`,
    );
  const runnerImage = env.C4ANG_PERF_RUNNER_IMAGE || 'c4ang-perf:dev';
  if (!/^[a-z0-9][\w.\-/:@]*$/.test(runnerImage))
    problems.push(
      `C4ANG_PERF_RUNNER_IMAGE: must be an image reference such as registry/c4ang-perf:1.2.3 (got "${runnerImage}")`,
    );
  return { parallelism, dryRun: flags.dryRun ?? false, k6OperatorNamespace, runnerImage };
}
