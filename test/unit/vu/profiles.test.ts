// The profiles must equal DESIGN.md §2 at full scale and keep their shape when scaled. Expected
// values are written out here independently of src/vu/profiles.ts on purpose.
import { describe, expect, test } from 'vitest';
import { parseDurationMs } from '../../../src/vu/duration.ts';
import {
  buildOptions,
  nominalDurationMs,
  phaseAt,
  phaseWindows,
  resolveCriteria,
  scaleScenario,
} from '../../../src/vu/options.ts';
import { PROFILE_NAMES, PROFILES, type ProfileName } from '../../../src/vu/profiles.ts';

type Stage = { duration: string; target: number };
const FULL = { loadScale: 1, vuScale: 1 };
const MIN = 60_000;

/** Target of a ramping executor at `tMs`, by k6's linear interpolation between stages. */
function targetAt(start: number, stages: Stage[], tMs: number): number {
  let from = start;
  let elapsed = 0;
  for (const stage of stages) {
    const length = parseDurationMs(stage.duration);
    if (tMs < elapsed + length) return from + ((stage.target - from) * (tMs - elapsed)) / length;
    elapsed += length;
    from = stage.target;
  }
  return from;
}

function scenarioOf(name: ProfileName, scales = FULL): Record<string, unknown> {
  const options = buildOptions(PROFILES[name], scales);
  const scenarios = options.scenarios as unknown as Record<string, Record<string, unknown>>;
  expect(Object.keys(scenarios)).toEqual([name]);
  return scenarios[name];
}

function thresholdsOf(name: ProfileName): Record<string, unknown[]> {
  return buildOptions(PROFILES[name], FULL).thresholds as Record<string, unknown[]>;
}

describe('profiles at full scale (DESIGN.md §2)', () => {
  test('smoke: one VU, one pass over every route, within a minute', () => {
    expect(scenarioOf('smoke')).toMatchObject({
      executor: 'per-vu-iterations',
      vus: 1,
      iterations: 1,
      maxDuration: '1m',
    });
    expect(thresholdsOf('smoke')).toMatchObject({ checks: ['rate==1'], http_req_failed: ['rate==0'] });
  });

  test('normal: ~100 req/s from up to 100 users for 30 minutes; p95<500, p99<1000, errors<0.1 %', () => {
    expect(scenarioOf('normal')).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 100,
      timeUnit: '1s',
      duration: '30m',
      preAllocatedVUs: 100,
    });
    const thresholds = thresholdsOf('normal');
    expect(thresholds.http_req_duration).toEqual(['p(95)<500', 'p(99)<1000']);
    expect(thresholds.http_req_failed).toEqual(['rate<0.001']);
  });

  test('stress: 100 users, +100 every 5 minutes up to 1000, 1 hour', () => {
    const s = scenarioOf('stress');
    expect(s).toMatchObject({ executor: 'ramping-vus', startVUs: 100 });
    const stages = s.stages as Stage[];
    for (let step = 0; step < 10; step++) {
      expect(Math.round(targetAt(100, stages, step * 5 * MIN + 4.9 * MIN))).toBe((step + 1) * 100);
    }
    expect(Math.max(...stages.map((x) => x.target))).toBe(1000);
    expect(stages.reduce((sum, x) => sum + parseDurationMs(x.duration), 0)).toBe(60 * MIN);
  });

  test('spike: 50 users 10 min → 500 users 5 min → 50 users 10 min; errors < 5 % in the spike', () => {
    const s = scenarioOf('spike');
    const stages = s.stages as Stage[];
    expect(s.executor).toBe('ramping-vus');
    expect(targetAt(50, stages, 5 * MIN)).toBe(50);
    expect(targetAt(50, stages, 12 * MIN)).toBe(500);
    expect(targetAt(50, stages, 20 * MIN)).toBe(50);
    expect(nominalDurationMs(PROFILES.spike, FULL)).toBe(25 * MIN);
    expect(thresholdsOf('spike')['http_req_failed{phase:spike}']).toEqual(['rate<0.05']);
  });

  test('soak: ~200 req/s for 24 hours; p95<500, errors<1 %', () => {
    expect(scenarioOf('soak')).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 200,
      duration: '24h',
      preAllocatedVUs: 200,
    });
    expect(thresholdsOf('soak')).toMatchObject({
      http_req_duration: ['p(95)<500'],
      http_req_failed: ['rate<0.01'],
    });
  });

  test('breakpoint: ramping arrival rate, thresholds abort the run', () => {
    expect(scenarioOf('breakpoint').executor).toBe('ramping-arrival-rate');
    for (const key of ['http_req_duration', 'http_req_failed']) {
      expect(thresholdsOf('breakpoint')[key]).toEqual([expect.objectContaining({ abortOnFail: true })]);
    }
  });

  test('every profile but smoke surfaces per-service latency and errors', () => {
    for (const name of PROFILE_NAMES) {
      expect(thresholdsOf(name)).toHaveProperty(['http_req_duration{service:order-service}']);
      expect(thresholdsOf(name)).toHaveProperty(['http_req_failed{service:payment-service}']);
    }
  });
});

describe('scaling keeps the shape', () => {
  // Iteration-based profiles (smoke, security) have no length or rate to scale.
  const timed = PROFILE_NAMES.filter((n) => PROFILES[n].scenario.executor !== 'per-vu-iterations');
  test.each(timed)('%s at LOAD_SCALE 0.01, VU_SCALE 0.2', (name) => {
    const full = scaleScenario(PROFILES[name].scenario, FULL) as unknown as Record<string, unknown>;
    const scaled = scaleScenario(PROFILES[name].scenario, {
      loadScale: 0.01,
      vuScale: 0.2,
    }) as unknown as Record<string, unknown>;
    expect(scaled.executor).toBe(full.executor);
    if (full.stages) {
      const a = full.stages as Stage[];
      const b = scaled.stages as Stage[];
      expect(b).toHaveLength(a.length);
      a.forEach((stage, i) => {
        expect(
          Math.abs(parseDurationMs(b[i].duration) - parseDurationMs(stage.duration) * 0.01),
        ).toBeLessThanOrEqual(0.5);
        expect(b[i].target).toBe(stage.target === 0 ? 0 : Math.max(1, Math.round(stage.target * 0.2)));
      });
    } else {
      expect(parseDurationMs(scaled.duration as string)).toBeCloseTo(
        parseDurationMs(full.duration as string) * 0.01,
        0,
      );
    }
    for (const field of ['rate', 'startRate', 'preAllocatedVUs', 'startVUs']) {
      if (typeof full[field] === 'number')
        expect(scaled[field]).toBe(Math.max(1, Math.round((full[field] as number) * 0.2)));
    }
  });

  test('phases scale with LOAD_SCALE and name the current window', () => {
    const windows = phaseWindows(PROFILES.spike.phases, 0.04);
    expect(windows.map((w) => [w.name, w.fromMs, w.toMs])).toEqual([
      ['pre', 0, 24_000],
      ['spike', 24_000, 36_000],
      ['post', 36_000, 60_000],
    ]);
    expect(phaseAt(windows, 1000)).toBe('pre');
    expect(phaseAt(windows, 30_000)).toBe('spike');
    expect(phaseAt(windows, 59_000)).toBe('post');
    expect(phaseAt(windows, 90_000)).toBe('post');
  });

  test.each(PROFILE_NAMES)('%s embedded default scale finishes in one to two minutes', (name) => {
    const { load, vu } = PROFILES[name].embeddedScale;
    const ms = nominalDurationMs(PROFILES[name], { loadScale: load, vuScale: vu });
    if (name === 'smoke') expect(ms).toBeLessThanOrEqual(MIN);
    else {
      expect(ms / MIN).toBeGreaterThanOrEqual(1);
      expect(ms / MIN).toBeLessThanOrEqual(2);
    }
  });

  test('rate criteria follow the rounded rate the executor really offers', () => {
    const at = (vuScale: number) =>
      resolveCriteria(PROFILES.normal, { loadScale: 1, vuScale }).find((c) => c.id === 'target-rate-reached')
        ?.expression;
    expect(at(1)).toBe('rate>=95');
    expect(at(0.014)).toBe('rate>=0.95'); // rate 100 × 0.014 rounds to 1/s
    expect(at(0.024)).toBe('rate>=1.9');
  });

  test("smoke's maxDuration is a cap and is not scaled", () => {
    expect(scaleScenario(PROFILES.smoke.scenario, { loadScale: 0.01, vuScale: 1 })).toMatchObject({
      maxDuration: '1m',
    });
  });
});
