// Deletes a chaos object and waits until it is gone, escalating when deletion hangs: first the
// documented `cleanFinalizer=forced` annotation (needs a running controller), then removing the
// finalizers by patch (skips recovery: targets may need a manual restart). Node side.
import { ChaosError } from '../../../errors.ts';
import { isNotFound, kubectlTimeout, type Kubectl } from './kubectl.ts';

export const FORCE_ANNOTATION = 'chaos-mesh.chaos-mesh.org/cleanFinalizer=forced';

export interface DeleteResult {
  /** Escalation steps taken, in order (empty when a plain delete sufficed). */
  escalations: string[];
}

/** Delete `ref` (`podchaos.chaos-mesh.org/x`) in `namespace`; each wait step gets `stepTimeoutMs`. */
export async function deleteWithEscalation(
  kubectl: Kubectl,
  ref: string,
  namespace: string,
  stepTimeoutMs: number,
): Promise<DeleteResult> {
  const escalations: string[] = [];
  const waitGone = async () => {
    const r = await kubectl.run(
      ['wait', ref, '-n', namespace, '--for=delete', `--timeout=${kubectlTimeout(stepTimeoutMs)}`],
      {
        timeoutMs: stepTimeoutMs + 10_000,
      },
    );
    return r.ok || isNotFound(r);
  };
  const del = await kubectl.run(['delete', ref, '-n', namespace, '--wait=false', '--ignore-not-found']);
  if (!del.ok) escalations.push(`delete failed: ${del.stderr.trim().slice(0, 200)}`);
  if (await waitGone()) return { escalations };

  const annotate = await kubectl.run(['annotate', ref, '-n', namespace, FORCE_ANNOTATION, '--overwrite']);
  escalations.push(
    `deletion hung ${stepTimeoutMs} ms: annotated ${FORCE_ANNOTATION}${annotate.ok ? '' : ' (annotate failed)'}`,
  );
  if (await waitGone()) return { escalations };

  const patch = await kubectl.run([
    'patch',
    ref,
    '-n',
    namespace,
    '--type=merge',
    '-p',
    '{"metadata":{"finalizers":null}}',
  ]);
  escalations.push(
    `still present: removed finalizers by patch${patch.ok ? '' : ' (patch failed)'}; recovery was skipped, check the target pods`,
  );
  if (await waitGone()) return { escalations };
  throw new ChaosError(`${ref} in ${namespace} could not be deleted (${escalations.join('; ')})`);
}
