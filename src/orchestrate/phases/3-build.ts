// Lifecycle phase "build": bundles the run's scenario with the project's build.mjs so the engine
// executes exactly what real k6 would. Type checking stays in `npm run build`/`typecheck`. Runs in: Node.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleScenarios } from '../../../build.mjs';
import { EngineError } from '../../errors.ts';
import { ExitCode } from '../../exit-codes.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Bundle scenarios/<profile>.ts into dist/<profile>.js and return the bundle's path. */
export async function buildBundle(profile: string): Promise<string> {
  const entry = path.join(PROJECT_ROOT, 'scenarios', `${profile}.ts`);
  const outdir = path.join(PROJECT_ROOT, 'dist');
  const result = await bundleScenarios([entry], outdir);
  if ('error' in result) {
    const details = (result.error.errors ?? []).map((e) => e.text);
    throw new EngineError(
      `cannot bundle scenarios/${profile}.ts: ${details.join('; ') || result.error.message}`,
      ExitCode.scriptError,
    );
  }
  return path.join(outdir, `${profile}.js`);
}
