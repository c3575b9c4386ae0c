// Loads and validates many manifest files (or directories of them) before anything runs:
// every problem of every file is collected, errors and warnings apart. Node side.
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readManifest } from './manifest/read-manifest.ts';
import type { Experiment } from './kinds/types.ts';
import { validateExperiment } from './kinds/validate-experiment.ts';
import { ProblemCollector, type Problem } from './problem.ts';

export interface LoadResult {
  experiments: Experiment[];
  /** Errors: any one of them means nothing may run. */
  problems: Problem[];
  warnings: Problem[];
}

/** Expand directories to their *.yaml / *.yml files (sorted); files pass through. */
export async function expandManifestPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = (await readdir(path)).filter((n) => /\.ya?ml$/.test(n)).sort();
      files.push(...names.map((n) => join(path, n)));
    } else {
      files.push(path);
    }
  }
  return files;
}

/**
 * Read, parse and validate every file; one experiment per file (the house rule). A folder without
 * manifests and a file without a document are errors: asking for chaos and getting none would
 * otherwise pass as a run "with chaos" that injected nothing.
 */
export async function loadExperiments(paths: readonly string[]): Promise<LoadResult> {
  const result: LoadResult = { experiments: [], problems: [], warnings: [] };
  const problem = (file: string, line: number, message: string) =>
    result.problems.push({ file, line, field: '', message, severity: 'error' });
  const files: string[] = [];
  for (const path of paths) {
    const expanded = await expandManifestPaths([path]);
    if (expanded.length === 0) problem(path, 1, 'no experiment manifests (*.yaml, *.yml) in this folder');
    files.push(...expanded);
  }
  for (const file of files) {
    const manifest = await readManifest(file);
    result.problems.push(...manifest.problems);
    if (manifest.problems.length === 0 && manifest.documents.length === 0) {
      problem(file, 1, 'no experiment in this file (it is empty)');
    } else if (manifest.problems.length === 0 && manifest.documents.length > 1) {
      const got = manifest.documents.length;
      problem(file, manifest.documents[1]?.lineOf([]) ?? 1, `one experiment per file (got ${got} documents)`);
    }
    const doc = manifest.documents[0];
    if (!doc || manifest.problems.length > 0) continue;
    const collector = new ProblemCollector(file, doc.lineOf);
    const experiment = validateExperiment(collector, doc.value);
    const stem = basename(file, extname(file));
    if (experiment && experiment.metadata.name !== stem) {
      collector.warn(
        ['metadata', 'name'],
        `differs from the file stem (got ${experiment.metadata.name}, expected ${stem})`,
      );
    }
    for (const p of collector.problems) (p.severity === 'error' ? result.problems : result.warnings).push(p);
    if (experiment && manifest.documents.length === 1) {
      experiment.source = { file, line: doc.lineOf([]) };
      result.experiments.push(experiment);
    }
  }
  return result;
}
