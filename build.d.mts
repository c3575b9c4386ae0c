// Types for build.mjs, which the Node side imports to bundle one scenario before a run.
import type { BuildResult } from 'esbuild';
export function bundleScenarios(
  entries: string[],
  outdir: string,
): Promise<BuildResult | { error: { message: string; errors?: { text: string }[] } }>;
