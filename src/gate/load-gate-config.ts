// Reads gate.config.yaml (or --config), validates it and every chaos manifest it names, and throws
// one ConfigError (exit 104) listing all problems, before any load starts. Runs in: Node.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem, loadExperiments } from '../chaos/index.ts';
import { ConfigError } from '../errors.ts';
import { parseLocatedYaml } from './gate-yaml.ts';
import type { GateConfig } from './types.ts';
import { validateGateConfig } from './validate-gate-config.ts';

/** `file` as the user gave it (used in messages); relative paths resolve against `cwd`. */
export async function loadGateConfig(file: string, cwd = process.cwd()): Promise<GateConfig> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError('invalid gate config:', [`${file}:1 (document): cannot read file (${reason})`]);
  }
  const isFile = (relative: string) => {
    const absolute = path.resolve(cwd, relative);
    return existsSync(absolute) && statSync(absolute).isFile();
  };
  const { config, problems } = validateGateConfig(file, parseLocatedYaml(text), isFile);
  const chaosFiles = [...new Set(config?.steps.flatMap((s) => s.chaos) ?? [])];
  if (chaosFiles.length > 0) {
    const loaded = await loadExperiments(chaosFiles.map((f) => path.resolve(cwd, f)));
    for (const p of loaded.problems)
      if (p.severity === 'error') problems.push(formatProblem({ ...p, file: path.relative(cwd, p.file) }));
  }
  if (!config || problems.length > 0) throw new ConfigError(`invalid gate config ${file}:`, problems);
  return config;
}
