// The reference band and the recovery rule: back inside the band and staying there.
import { expect, test } from 'vitest';
import { recoveredAtMs } from '../../../../src/results/analysis/recovery.ts';
import { referenceBand } from '../../../../src/results/analysis/recovery-band.ts';
import { buildSeries, type SecondSpec, START_T, seconds, seededRandom } from '../synthetic-series.ts';

const at = (s: number) => (START_T + s) * 1000;
const healthy: SecondSpec = { rps: 100, p95Ms: 100 };
const broken: SecondSpec = { rps: 100, p95Ms: 900, errorRate: 0.3 };

test('band: p95 × 1.5 or + 20 ms, errors × 2 or + 1 point, whichever is wider', () => {
  const { points } = buildSeries(seconds(10, healthy));
  const band = referenceBand(points, at(0), at(10))!;
  expect(band.p95MaxMs).toBeCloseTo(150, -1);
  expect(band.errorRateMax).toBeCloseTo(0.01, 6);
  const fast = referenceBand(
    buildSeries(seconds(10, { rps: 100, p95Ms: 20, errorRate: 0.05 })).points,
    at(0),
    at(10),
  )!;
  expect(fast.p95MaxMs).toBeCloseTo(40, 0);
  expect(fast.errorRateMax).toBeCloseTo(0.1, 6);
});

test('band: null when fewer than 3 seconds with requests fall in the window', () => {
  const { points } = buildSeries([healthy, { rps: 0 }, healthy, null, { rps: 0 }]);
  expect(referenceBand(points, at(0), at(5))).toBeNull();
});

test('recovers at the first second from which 5 seconds stay inside the band', () => {
  const { points } = buildSeries([
    ...seconds(10, healthy),
    ...seconds(4, broken),
    healthy,
    broken, // a relapse: the second before it does not count
    ...seconds(10, healthy),
  ]);
  const band = referenceBand(points, at(0), at(10))!;
  expect(recoveredAtMs(points, at(10), band)).toBe(at(16));
});

test('with seeded noise the recovery is found within a second of the known answer', () => {
  const noise = { random: seededRandom(42), p95Jitter: 0.15 };
  const base = { rps: 100, p95Ms: 100, errorRate: 0.002 };
  const { points } = buildSeries([...seconds(30, base), ...seconds(8, broken), ...seconds(30, base)], {
    noise,
  });
  const band = referenceBand(points, at(3), at(30))!;
  const recovered = recoveredAtMs(points, at(30), band)!;
  expect(recovered).toBeGreaterThanOrEqual(at(38));
  expect(recovered).toBeLessThanOrEqual(at(39));
});

test('null when never back inside the band', () => {
  const { points } = buildSeries([...seconds(10, healthy), ...seconds(20, broken)]);
  const band = referenceBand(points, at(0), at(10))!;
  expect(recoveredAtMs(points, at(10), band)).toBeNull();
});

test('seconds without requests are an outage: the stay restarts after them', () => {
  const { points } = buildSeries([
    ...seconds(10, healthy),
    ...seconds(2, healthy),
    null, // no point at all
    ...seconds(2, healthy),
    { rps: 0, vus: 10 }, // a point, but nothing completed
    ...seconds(8, healthy),
  ]);
  const band = referenceBand(points, at(0), at(10))!;
  expect(recoveredAtMs(points, at(10), band)).toBe(at(16));
});

test('near the end of the series 3 healthy seconds suffice, 2 do not', () => {
  const three = buildSeries([...seconds(10, healthy), ...seconds(3, broken), ...seconds(3, healthy)]).points;
  const band = referenceBand(three, at(0), at(10))!;
  expect(recoveredAtMs(three, at(10), band)).toBe(at(13));
  const two = buildSeries([...seconds(10, healthy), ...seconds(3, broken), ...seconds(2, healthy)]).points;
  expect(recoveredAtMs(two, at(10), band)).toBeNull();
});

test('an untouched target recovers at once; candidates stop at untilMs', () => {
  const { points } = buildSeries(seconds(30, healthy));
  const band = referenceBand(points, at(0), at(10))!;
  expect(recoveredAtMs(points, at(10), band)).toBe(at(10));
  const late = buildSeries([...seconds(10, healthy), ...seconds(10, broken), ...seconds(10, healthy)]).points;
  expect(recoveredAtMs(late, at(10), band, at(15))).toBeNull();
});
