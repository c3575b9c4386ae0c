// Turns a validated gate config into the load runs it will start: one RunConfig per step (resolved
// like a load run's) and the identity each run will have, so the baseline can be checked before any
// load starts. Runs in: Node.
import path from 'node:path';
import { newRunId, resolveRunConfig, type RunConfig } from '../config.ts';
import { selectEngine } from '../engine/select-engine.ts';
import { ConfigError, HarnessError } from '../errors.ts';
import { canaryIdentity } from './canary-step.ts';
import type { GateConfig, StepIdentity } from './types.ts';

export interface GateFlags {
  resultsDir?: string;
  strict?: boolean;
  quiet?: boolean;
}

interface GatePlan {
  /** `<gate name>-<time>-<random>`; the report folder is `<results>/gate-<id>`. */
  id: string;
  resultsRoot: string;
  reportDir: string;
  runs: { config: RunConfig; identity: StepIdentity }[];
}

type Env = Readonly<Record<string, string | undefined>>;

export function planGate(
  gate: GateConfig,
  flags: GateFlags,
  env: Env,
  pathEnv: string | undefined,
  cwd = process.cwd(),
): GatePlan {
  const id = newRunId(gate.name);
  const problems: string[] = [];
  const runs: GatePlan['runs'] = [];
  gate.steps.forEach((step, index) => {
    try {
      const config = resolveRunConfig(
        step.profile,
        {
          scale: String(step.scale),
          vuScale: String(step.vuScale),
          chaos: step.chaos,
          runId: `gate-${id}-${index + 1}-${step.profile}`,
          ...(flags.resultsDir ? { resultsDir: flags.resultsDir } : {}),
          ...(flags.strict ? { strict: true } : {}),
          ...(flags.quiet ? { quiet: true } : {}),
        },
        // A gate's runs are named by the gate, whatever RUN_ID says; a step may switch the stand-in's
        // security rules (a security step beside load steps, which a rate limit would refuse).
        {
          ...env,
          RUN_ID: undefined,
          ...(step.standinSecurity === undefined
            ? {}
            : { C4ANG_PERF_STANDIN_SECURITY: step.standinSecurity ? 'on' : 'off' }),
        },
        cwd,
      );
      const engine = selectEngine(config.engine, config.k6Bin, pathEnv);
      const identity: StepIdentity = {
        profile: step.profile,
        scale: config.loadScale,
        vuScale: config.vuScale,
        engine: engine.name,
        targetKind: config.targetUrl ? 'remote' : 'embedded',
        chaos: config.chaosFiles.map((file) => path.relative(cwd, file)),
        ...(step.canary ? { canary: canaryIdentity(step.canary) } : {}),
      };
      // A canary step runs as `load:canary` would: the same settings on the run's config.
      runs.push({
        config: step.canary ? Object.freeze({ ...config, canary: step.canary }) : config,
        identity,
      });
    } catch (error) {
      if (!(error instanceof HarnessError)) throw error;
      const lines = error instanceof ConfigError && error.problems.length ? error.problems : [error.message];
      problems.push(...lines.map((line) => `steps[${index}] (${step.profile}): ${line}`));
    }
  });
  if (problems.length > 0) throw new ConfigError('the gate cannot start its runs:', [...new Set(problems)]);
  const resultsRoot = runs[0]!.config.resultsRoot;
  return { id, resultsRoot, reportDir: path.join(resultsRoot, `gate-${id}`), runs };
}
