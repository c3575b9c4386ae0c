// Finds, reads and writes gate baselines. `--baseline` names a file (a saved baseline or a gate's
// gate.json) or an id: a gate run (`gate-<id>`) or one load run (its verdict.json).
// Runs in: Node.
import { canaryIdentityOf } from './canary-step.ts';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.ts';
import type { Verdict } from '../results/types.ts';
import { BASELINE_SCHEMA, type Baseline, type BaselineStep, type StepOutcome } from './types.ts';

interface BaselineSource {
  /** Absolute path of the file read (or to be written). */
  file: string;
  /** Given with --baseline: a missing file is then an error. */
  explicit: boolean;
}

interface LoadedBaseline {
  baseline: Baseline;
  /** Read from one load run's verdict.json: only steps of its profile are compared. */
  partial: boolean;
}

function defaultBaselinePath(gateName: string, cwd = process.cwd()): string {
  return path.resolve(cwd, 'baselines', `${gateName}.json`);
}

/** Where `--baseline <runId | file>` points; the default is `baselines/<gate name>.json`. */
export function resolveBaselineSource(
  arg: string | undefined,
  gateName: string,
  resultsRoot: string,
  cwd = process.cwd(),
): BaselineSource {
  if (arg === undefined) return { file: defaultBaselinePath(gateName, cwd), explicit: false };
  const asFile = path.resolve(cwd, arg);
  if (existsSync(asFile) || /[\\/]|\.json$/.test(arg)) return { file: asFile, explicit: true };
  const candidates = [
    path.join(resultsRoot, arg, 'gate.json'),
    path.join(resultsRoot, `gate-${arg}`, 'gate.json'),
    path.join(resultsRoot, arg, 'verdict.json'),
  ];
  return { file: candidates.find((c) => existsSync(c)) ?? candidates[0]!, explicit: true };
}

/**
 * The baseline at `source`; undefined when the file does not exist and was not asked for, or is
 * about to be created (`creating`: --save-baseline).
 */
export async function readBaseline(
  source: BaselineSource,
  creating = false,
): Promise<LoadedBaseline | undefined> {
  let text: string;
  try {
    text = await readFile(source.file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (!source.explicit || creating))
      return undefined;
    throw new ConfigError('cannot read the baseline:', [
      `--baseline: ${source.file}: ${(error as NodeJS.ErrnoException).code ?? error} (expected a baseline file, a gate id or a run id)`,
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('cannot read the baseline:', [
      `${source.file}: not JSON (${(error as Error).message})`,
    ]);
  }
  const record = data as { schema?: unknown; baseline?: unknown };
  if (record.schema === BASELINE_SCHEMA) return { baseline: data as Baseline, partial: false };
  // A gate run's gate.json carries the baseline it would save.
  if (typeof record.schema === 'string' && record.schema.startsWith('c4ang-perf/gate@'))
    return { baseline: (data as { candidateBaseline: Baseline }).candidateBaseline, partial: false };
  if (typeof record.schema === 'string' && record.schema.startsWith('c4ang-perf/verdict@'))
    return { baseline: baselineFromVerdict(data as Verdict), partial: true };
  throw new ConfigError('cannot read the baseline:', [
    `${source.file}: not a gate baseline, gate.json or verdict.json (got schema ${JSON.stringify(record.schema)})`,
  ]);
}

function baselineFromVerdict(verdict: Verdict): Baseline {
  const savedAt = verdict.run.finishedAt ?? verdict.run.startedAt;
  const { p95Ms, p99Ms, errorRate, rps, requests } = verdict.analysis.overall;
  return {
    schema: BASELINE_SCHEMA,
    gate: `run ${verdict.runId}`,
    gateId: verdict.runId,
    savedAt,
    steps: [
      {
        profile: verdict.profile,
        scale: verdict.run.loadScale,
        vuScale: verdict.run.vuScale,
        engine: verdict.run.engine,
        targetKind: verdict.run.targetKind,
        chaos: verdict.run.chaos,
        ...(verdict.analysis.canary ? { canary: canaryIdentityOf(verdict.analysis.canary) } : {}),
        overall: { p95Ms, p99Ms, errorRate, rps, requests },
        runId: verdict.runId,
        savedAt,
      },
    ],
  };
}

/** The baseline a gate run would store: one entry per step, from the runs' overall stats. */
export function baselineFromOutcomes(
  gateName: string,
  gateId: string,
  outcomes: readonly StepOutcome[],
  now = new Date(),
): Baseline {
  const savedAt = now.toISOString();
  const steps: BaselineStep[] = outcomes.map((o) => ({
    ...o.identity,
    overall: o.overall ?? { p95Ms: null, p99Ms: null, errorRate: null, rps: 0 },
    runId: o.runId,
    savedAt,
  }));
  return { schema: BASELINE_SCHEMA, gate: gateName, gateId, savedAt, steps };
}

/** Write atomically (temp file + rename), creating the folder. */
export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(baseline, null, 2)}\n`);
  await rename(temp, file);
}
