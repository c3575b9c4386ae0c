// Validates one entry of options.scenarios and applies k6's defaults (k6 lib/executor/*.go).
// Collects every problem instead of stopping at the first. Runs in: Node (runner main thread).
import { FieldReader } from './option-readers.ts';
import { EXECUTORS, type ExecutorName, type Scenario } from './scenario-types.ts';

export function normalizeScenario(name: string, raw: unknown, problems: string[]): Scenario | undefined {
  const path = `options.scenarios.${name}`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(
      `${path}: invalid scenario (got ${JSON.stringify(raw)}, expected an object with an executor)`,
    );
    return undefined;
  }
  const r = new FieldReader(raw as Record<string, unknown>, path, problems);
  const executor = r.raw('executor');
  if (!EXECUTORS.includes(executor as ExecutorName)) {
    const hint =
      executor === 'externally-controlled'
        ? 'externally-controlled is not supported (removed in k6 v2.0)'
        : 'unsupported executor';
    problems.push(
      `${path}.executor: ${hint} (got ${JSON.stringify(executor)}, expected one of ${EXECUTORS.join(', ')})`,
    );
    return undefined;
  }
  const base = {
    name,
    startTimeMs: r.durationMs('startTime', '0s'),
    gracefulStopMs: r.durationMs('gracefulStop', '30s'),
    exec: r.string('exec', 'default'),
    env: r.stringMap('env'),
    tags: r.stringMap('tags'),
  };
  let scenario: Scenario;
  switch (executor as ExecutorName) {
    case 'shared-iterations':
    case 'per-vu-iterations': {
      const vus = r.int('vus', 1, 1);
      const iterations = r.int('iterations', 1, 1);
      if (executor === 'shared-iterations' && iterations < vus)
        problems.push(
          `${path}.iterations: the number of iterations can't be less than the number of VUs (got ${iterations}, expected >= vus ${vus})`,
        );
      const maxDurationMs = r.durationMs('maxDuration', '10m', false);
      scenario = { ...base, executor: executor as 'shared-iterations', vus, iterations, maxDurationMs };
      break;
    }
    case 'constant-vus':
      scenario = {
        ...base,
        executor: 'constant-vus',
        vus: r.int('vus', 1, 1),
        durationMs: r.durationMs('duration', undefined, false),
      };
      break;
    case 'ramping-vus': {
      const startVUs = r.int('startVUs', 1, 0);
      const stages = r.stages('stages', true);
      if (stages.length && startVUs === 0 && stages.every((s) => s.target === 0))
        problems.push(
          `${path}: either startVUs or one of the stages' target values must be greater than 0 (got all 0)`,
        );
      scenario = {
        ...base,
        executor: 'ramping-vus',
        startVUs,
        stages,
        gracefulRampDownMs: r.durationMs('gracefulRampDown', '30s'),
      };
      break;
    }
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate': {
      const timeUnitMs = r.durationMs('timeUnit', '1s', false);
      const preAllocatedVUs = r.int('preAllocatedVUs', undefined, 0);
      const maxVUs = r.int('maxVUs', preAllocatedVUs, 0);
      if (maxVUs < preAllocatedVUs)
        problems.push(
          `${path}.maxVUs: maxVUs can't be less than preAllocatedVUs (got ${maxVUs}, expected >= ${preAllocatedVUs})`,
        );
      if (maxVUs < 1)
        problems.push(`${path}.maxVUs: at least one VU is needed (got ${maxVUs}, expected >= 1)`);
      scenario =
        executor === 'constant-arrival-rate'
          ? {
              ...base,
              executor,
              rate: r.int('rate', undefined, 1),
              timeUnitMs,
              durationMs: r.durationMs('duration', undefined, false),
              preAllocatedVUs,
              maxVUs,
            }
          : {
              ...base,
              executor: 'ramping-arrival-rate',
              startRate: r.int('startRate', 0, 0),
              timeUnitMs,
              stages: r.stages('stages', true),
              preAllocatedVUs,
              maxVUs,
            };
      break;
    }
  }
  r.rejectUnknown(`${executor}`);
  return scenario;
}
