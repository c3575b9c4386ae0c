// What is refused before anything is applied: faults longer than the 24 h maximum, a --chaos folder
// or file with no experiment, bad chaos:apply flags (each named); and what a fault is called:
// HTTPChaos records abort/delay/replace/patch as the spec says, describe() says it in one line; a
// Schedule timer beyond setTimeout's range is not armed.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionOf,
  actionSpecOf,
  checkApplyFlags,
  describeExperiment,
  formatProblem,
  httpAbort,
  loadExperiments,
  MAX_CHAOS_DURATION_MS,
  podKill,
  schedule,
} from '../../../src/chaos/index.ts';
import { ScheduleTimer } from '../../../src/chaos/providers/local/schedule-timer.ts';

const tempDir = () => mkdtemp(join(tmpdir(), 'chaos-limits-'));

async function manifestWith(replace: [string, string]): Promise<string> {
  const text = (await readFile('chaos/http-abort-payment-service.yaml', 'utf8')).replace(...replace);
  const file = join(await tempDir(), 'http-abort-payment-service.yaml');
  await writeFile(file, text);
  return file;
}

describe('validation limits', () => {
  it('rejects a duration above 24 h with its line, and accepts 24 h', async () => {
    expect(MAX_CHAOS_DURATION_MS).toBe(86_400_000);
    const file = await manifestWith(['duration: "60s"', 'duration: "99999h"']);
    const { experiments, problems } = await loadExperiments([file]);
    expect(experiments).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      `${file}:21 spec.duration: too long (got "99999h", expected at most 24h, the length of the longest run)`,
    ]);
    const ok = await loadExperiments([await manifestWith(['duration: "60s"', 'duration: "24h"'])]);
    expect(ok.problems).toEqual([]);
  });

  it('a folder without manifests and an empty file are errors naming the path', async () => {
    const dir = await tempDir();
    const empty = await loadExperiments([dir]);
    expect(empty.problems.map(formatProblem)).toEqual([
      `${dir}:1 (document): no experiment manifests (*.yaml, *.yml) in this folder`,
    ]);
    const file = join(dir, 'nothing.yaml');
    await writeFile(file, '# only a comment\n');
    const blank = await loadExperiments([file]);
    expect(blank.problems.map(formatProblem)).toEqual([
      `${file}:1 (document): no experiment in this file (it is empty)`,
    ]);
  });
});

describe('timers beyond setTimeout’s range', () => {
  it('a Schedule whose next fire is weeks away is not armed (Node would fire it at once)', () => {
    const skipped: string[] = [];
    let fired = 0;
    const timer = new ScheduleTimer(
      { schedule: '@every 720h', type: 'PodChaos' },
      {
        timeScale: 1,
        maxFires: 10,
        isBusy: () => false,
        fire: async () => {
          fired += 1;
        },
        onSkip: (why) => skipped.push(why),
      },
    );
    expect(timer.armed).toBe(false);
    expect(skipped).toEqual(['next fire is 30 days away: not armed']);
    expect(fired).toBe(0);
    timer.stop();
  });
});

describe('chaos:apply flags', () => {
  const good = { hold: '10s', timeScale: '1', adminUrl: 'http://127.0.0.1:8090' };
  it('accepts Go/k6 durations and plain milliseconds for --hold', () => {
    expect(checkApplyFlags(good)).toEqual({ holdMs: 10_000, timeScale: 1, problems: [] });
    expect(checkApplyFlags({ ...good, hold: '2500', timeScale: '0.5' })).toMatchObject({
      holdMs: 2500,
      timeScale: 0.5,
    });
  });
  it('reports every bad flag at once, each by name', () => {
    const { problems } = checkApplyFlags({ hold: 'abc', timeScale: '2', adminUrl: 'not a url' });
    expect(problems).toEqual([
      expect.stringMatching(/^--hold: invalid duration "abc"/),
      expect.stringMatching(/^--time-scale: must be a number with 0 < s ≤ 1 \(got "2"\)/),
      expect.stringMatching(/^--admin-url: not a URL \(got "not a url"/),
    ]);
    expect(checkApplyFlags({ ...good, timeScale: '0' }).problems).toHaveLength(1);
    expect(checkApplyFlags({ ...good, adminUrl: 'http://10.0.0.1:8090' }).problems).toEqual([
      expect.stringMatching(/^--admin-url: must be an http URL on loopback/),
    ]);
  });
});

describe('what a fault is called', () => {
  const http = (spec: Record<string, unknown>) => {
    const base = httpAbort({ name: 'h', service: 'payment-service', duration: '60s' });
    const { abort: _abort, ...rest } = base.spec;
    return actionSpecOf({ ...base, spec: { ...rest, ...spec } });
  };
  it.each([
    [{ abort: true }, 'abort'],
    [{ delay: '2s' }, 'delay'],
    [{ replace: { code: 503 } }, 'replace'],
    [{ patch: { body: { type: 'JSON', value: '{}' } } }, 'patch'],
    [{ delay: '1s', patch: { headers: [['x', 'y']] } }, 'delay+patch'],
  ])('HTTPChaos %j is recorded as %s', (spec, action) => {
    expect(actionOf(http(spec))).toBe(action);
  });

  it('a replace manifest keeps its replace action through validation', async () => {
    const file = await manifestWith(['abort: true', 'replace:\n    code: 503']);
    const { experiments, problems } = await loadExperiments([file]);
    expect(problems).toEqual([]);
    expect(actionOf(actionSpecOf(experiments[0]!))).toBe('replace');
  });

  it('describes an experiment in one line', () => {
    const kill = podKill({ name: 'k', service: 'order-service' });
    expect(describeExperiment(kill)).toBe(
      'PodChaos pod-kill on one pod (app.kubernetes.io/name=order-service in ecommerce)',
    );
    expect(describeExperiment(schedule({ name: 's', cron: '@every 5m', experiment: kill }))).toMatch(
      /^Schedule "@every 5m": PodChaos pod-kill on one pod/,
    );
    expect(
      describeExperiment(
        httpAbort({
          name: 'h',
          service: 'payment-service',
          mode: 'all',
          path: '/api/v1/payments*',
          duration: '60s',
        }),
      ),
    ).toBe(
      'HTTPChaos abort of /api/v1/payments* requests on all pods (app.kubernetes.io/name=payment-service in ecommerce) for 60s',
    );
  });
});
