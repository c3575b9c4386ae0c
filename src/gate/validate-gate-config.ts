// Normalizes and checks a parsed gate config, collecting every problem as
// `file:line field.path: message (got X, expected Y)` instead of stopping at the first. Pure: file
// checks come in as a function. Runs in: Node.
import { PROFILE_NAMES, PROFILES, type ProfileName } from '../vu/profiles.ts';
import { validateCanaryStep } from './canary-step.ts';
import { formatFieldPath, type FieldPath, type LocatedYaml } from './gate-yaml.ts';
import { parseTolerance, type ToleranceForm } from './tolerance-text.ts';
import {
  DEFAULT_GATE_NAME,
  DEFAULT_TOLERANCES,
  type GateConfig,
  type GateStep,
  type StepLimits,
  type Tolerances,
} from './types.ts';

interface ValidationResult {
  /** Undefined when there was any problem. */
  config: GateConfig | undefined;
  problems: string[];
}

type Map = Record<string, unknown>;

const TOLERANCE_FIELDS: Record<string, { key: keyof Tolerances; form: ToleranceForm }> = {
  p95: { key: 'p95Rise', form: 'rise-percent' },
  p99: { key: 'p99Rise', form: 'rise-percent' },
  errorRate: { key: 'errorRateRisePoints', form: 'rise-points' },
  throughput: { key: 'rpsFall', form: 'fall-percent' },
  latencyNoise: { key: 'latencyNoiseMs', form: 'ms' },
};
const LIMIT_FIELDS: Record<keyof StepLimits, { min: number; max: number; inclusiveMin: boolean }> = {
  p95Ms: { min: 0, max: 600_000, inclusiveMin: false },
  p99Ms: { min: 0, max: 600_000, inclusiveMin: false },
  errorRate: { min: 0, max: 1, inclusiveMin: true },
  minRps: { min: 0, max: 1e6, inclusiveMin: false },
};
const STEP_FIELDS = ['profile', 'scale', 'vuScale', 'chaos', 'limits', 'standinSecurity', 'canary'];

const got = (value: unknown) => (value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value)));
const isMap = (value: unknown): value is Map =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function validateGateConfig(
  file: string,
  yaml: LocatedYaml,
  chaosFileExists: (relativePath: string) => boolean,
): ValidationResult {
  const problems: string[] = yaml.syntaxErrors.map((e) => `${file}:${e.line} (document): ${e.message}`);
  if (problems.length > 0) return { config: undefined, problems };
  const problem = (path: FieldPath, message: string) =>
    problems.push(`${file}:${yaml.lineOf(path)} ${formatFieldPath(path) || '(document)'}: ${message}`);
  const unknownFields = (value: Map, path: FieldPath, allowed: readonly string[]) => {
    for (const key of Object.keys(value))
      if (!allowed.includes(key))
        problem([...path, key], `unknown field (expected one of ${allowed.join(', ')})`);
  };
  const number = (
    value: unknown,
    path: FieldPath,
    min: number,
    max: number,
    inclusiveMin = false,
    symbol = 'value',
  ) => {
    const ok = typeof value === 'number' && Number.isFinite(value);
    if (ok && (inclusiveMin ? value >= min : value > min) && value <= max) return value;
    problem(path, `must be ${min} ${inclusiveMin ? '≤' : '<'} ${symbol} ≤ ${max} (got ${got(value)})`);
    return undefined;
  };

  const root = yaml.value;
  if (!isMap(root)) {
    problem([], `must be a map with name, steps and tolerances (got ${got(root)})`);
    return { config: undefined, problems };
  }
  unknownFields(root, [], ['name', 'steps', 'tolerances']);

  let name = DEFAULT_GATE_NAME;
  if (root.name !== undefined) {
    if (typeof root.name === 'string' && /^[A-Za-z0-9._-]{1,40}$/.test(root.name)) name = root.name;
    else problem(['name'], `must be letters, digits, '.', '_' or '-', at most 40 (got ${got(root.name)})`);
  }

  const tolerances: Tolerances = { ...DEFAULT_TOLERANCES };
  if (root.tolerances !== undefined) {
    if (!isMap(root.tolerances)) problem(['tolerances'], `must be a map (got ${got(root.tolerances)})`);
    else {
      unknownFields(root.tolerances, ['tolerances'], Object.keys(TOLERANCE_FIELDS));
      for (const [field, { key, form }] of Object.entries(TOLERANCE_FIELDS)) {
        const value = root.tolerances[field];
        if (value === undefined) continue;
        const parsed = parseTolerance(value, form);
        if (typeof parsed === 'number') tolerances[key] = parsed;
        else problem(['tolerances', field], parsed.problem);
      }
    }
  }

  const steps: GateStep[] = [];
  if (!Array.isArray(root.steps) || root.steps.length === 0) {
    problem(['steps'], `must be a non-empty list of steps (got ${got(root.steps)})`);
  } else {
    root.steps.forEach((raw: unknown, index) => {
      const step = validateStep(raw, ['steps', index]);
      if (step) steps.push(step);
    });
  }

  function validateStep(raw: unknown, path: FieldPath): GateStep | undefined {
    if (!isMap(raw)) {
      problem(path, `must be a map with ${STEP_FIELDS.join(', ')} (got ${got(raw)})`);
      return undefined;
    }
    unknownFields(raw, path, STEP_FIELDS);
    if (!(PROFILE_NAMES as readonly unknown[]).includes(raw.profile)) {
      problem(
        [...path, 'profile'],
        `unknown profile (got ${got(raw.profile)}, expected one of ${PROFILE_NAMES.join(', ')})`,
      );
      return undefined;
    }
    const profile = raw.profile as ProfileName;
    const quick = PROFILES[profile].embeddedScale;
    const scale =
      raw.scale === undefined ? quick.load : number(raw.scale, [...path, 'scale'], 0, 1, false, 's');
    const vuScale =
      raw.vuScale === undefined ? quick.vu : number(raw.vuScale, [...path, 'vuScale'], 0, 10, false, 'v');
    const chaos: string[] = [];
    if (raw.chaos !== undefined && !Array.isArray(raw.chaos))
      problem([...path, 'chaos'], `must be a list of files under chaos/ (got ${got(raw.chaos)})`);
    for (const [i, entry] of (Array.isArray(raw.chaos) ? raw.chaos : []).entries()) {
      if (typeof entry !== 'string' || entry.trim() === '')
        problem([...path, 'chaos', i], `must be a file path (got ${got(entry)})`);
      else if (!chaosFileExists(entry))
        problem([...path, 'chaos', i], `file not found (got ${got(entry)}, expected a file under chaos/)`);
      else chaos.push(entry);
    }
    const limits: StepLimits = {};
    if (raw.limits !== undefined && !isMap(raw.limits))
      problem([...path, 'limits'], `must be a map (got ${got(raw.limits)})`);
    else if (raw.limits !== undefined) {
      unknownFields(raw.limits as Map, [...path, 'limits'], Object.keys(LIMIT_FIELDS));
      for (const [field, range] of Object.entries(LIMIT_FIELDS)) {
        const value = (raw.limits as Map)[field];
        if (value === undefined) continue;
        const checked = number(value, [...path, 'limits', field], range.min, range.max, range.inclusiveMin);
        if (checked !== undefined) limits[field as keyof StepLimits] = checked;
      }
    }
    // The embedded stand-in's security rules for this step only (a security step beside load steps).
    const security = raw.standinSecurity;
    if (security !== undefined && !['on', 'off', true, false].includes(security as string | boolean))
      problem([...path, 'standinSecurity'], `must be on or off (got ${got(security)})`);
    const canary =
      raw.canary === undefined ? undefined : validateCanaryStep(raw.canary, [...path, 'canary'], problem);
    if (scale === undefined || vuScale === undefined) return undefined;
    return {
      ...(canary ? { canary } : {}),
      profile,
      scale,
      vuScale,
      chaos,
      limits,
      ...(security === 'on' || security === true ? { standinSecurity: true } : {}),
      ...(security === 'off' || security === false ? { standinSecurity: false } : {}),
    };
  }

  if (problems.length > 0) return { config: undefined, problems };
  return { config: { name, file, steps, tolerances }, problems };
}
