// After a security run's load: check mTLS and write security.json. Only a real target is a cluster to
// ask; on the embedded stand-in there is no mesh, so mTLS is "not checked" and kubectl is not run.
// Whatever happens is logged and written, never thrown: this must not fail a run. Runs in: Node.
import type { RunConfig } from '../../config.ts';
import { checkMtls, type MtlsCheck } from './check-mtls.ts';
import { writeSecurityFile } from './security-file.ts';

export async function collectSecurityFacts(
  config: Pick<RunConfig, 'profile' | 'targetUrl' | 'namespace' | 'resultsDir'>,
  log: (line: string) => void,
  check: typeof checkMtls = checkMtls,
): Promise<void> {
  if (config.profile !== 'security') return;
  const mtls: MtlsCheck = config.targetUrl
    ? await check({ namespace: config.namespace }).catch((error: unknown) => ({
        checked: false as const,
        reason: `not checked: ${(error as Error)?.message ?? error}`,
      }))
    : { checked: false, reason: 'not checked: the embedded stand-in is not in a cluster (no mesh)' };
  log(
    mtls.checked
      ? `mTLS in ${mtls.namespace} (${mtls.where}): ${mtls.strict ? 'STRICT' : `not STRICT — ${mtls.weakening.join('; ')}`}`
      : `mTLS ${mtls.reason}`,
  );
  await writeSecurityFile(config.resultsDir, { mtls }).catch((error: unknown) =>
    log(`cannot write security.json: ${(error as Error)?.message ?? error}`),
  );
}
