// Deletes the three objects of a k6-operator run — TestRun, ConfigMap, Secret, all sharing one name —
// and waits until they are gone. The TestRun goes in the foreground: the operator's runner Jobs (and
// so their pods, which load the target) are deleted before the call returns, not some time later.
// Idempotent: what is already gone is fine. Runs in: Node.
import { EngineError } from '../../errors.ts';
import type { Kubectl } from '../../chaos/providers/chaos-mesh/kubectl.ts';
import { TESTRUN_RESOURCE } from './preflight.ts';

/** Long enough for the runner pods' graceful stop (k6 ends its iterations), short enough to report a hang. */
export const DELETE_TIMEOUT_S = 120;

export async function deleteRunObjects(kubectl: Kubectl, namespace: string, name: string): Promise<void> {
  const testRun = await kubectl.run(
    [
      'delete',
      `${TESTRUN_RESOURCE}/${name}`,
      '-n',
      namespace,
      '--ignore-not-found',
      '--cascade=foreground',
      '--wait=true',
      `--timeout=${DELETE_TIMEOUT_S}s`,
    ],
    { timeoutMs: (DELETE_TIMEOUT_S + 15) * 1000 },
  );
  const data = await kubectl.run(
    [
      'delete',
      `configmap/${name}`,
      `secret/${name}`,
      '-n',
      namespace,
      '--ignore-not-found',
      '--wait=true',
      '--timeout=60s',
    ],
    { timeoutMs: 75_000 },
  );
  const failures = [testRun, data]
    .filter((r) => !r.ok)
    .map((r) => r.stderr.trim().slice(0, 300) || `exit ${r.exitCode}`);
  if (failures.length > 0)
    throw new EngineError(`cannot delete the k6-operator run ${namespace}/${name}: ${failures.join('; ')}`);
}
