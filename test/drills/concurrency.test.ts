// Drills: runs that share a machine and a results root, as on a shared CI runner or a developer box —
// two chaos runs at once on their own embedded stand-ins, two runs racing for one --run-id, and one
// run of 1,000 VUs, watched for memory and event-loop delay. Each through `npm run`, as users run it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isAlive } from '../e2e/npm-run.ts';
import { waitFor } from '../e2e/target/target-client.ts';
import { nominalDurationMs } from '../../src/vu/options.ts';
import { PROFILES } from '../../src/vu/profiles.ts';
import {
  badNdjsonLines,
  harnessPid,
  memoryKb,
  mib,
  pollWhileRunning,
  readText,
  startRun,
} from './drill-probes.ts';
import { type DrillRun, ledgerEntries, newResultsRoot, readJson } from './run-drill.ts';

/** A finished run: 0 (passed) or 99 (a criterion failed) — never 1 (internal error) or 104. */
const JUDGED = [0, 99];
/** Normal at 18 s with 30 req/s: short, real load, time for a fault and its recovery. */
const SHORT_NORMAL = ['--scale', '0.01', '--vu-scale', '0.3'];

/** Port of the run's stand-in gateway and admin API, from its log. */
function targetPorts(run: DrillRun): { gateway: number; admin: number } | undefined {
  const match = /target ready at http:\/\/[^:]+:(\d+) \(admin http:\/\/[^:]+:(\d+)\)/.exec(run.stderr());
  return match ? { gateway: Number(match[1]), admin: Number(match[2]) } : undefined;
}

function expectJudged(run: DrillRun, exit: number | string): Record<string, unknown> {
  expect(JUDGED, `${run.runId} exit ${exit}\n${run.stderr()}`).toContain(exit);
  const verdictFile = path.join(run.resultsRoot, run.runId, 'verdict.json');
  expect(existsSync(verdictFile), `${run.runId}: verdict.json`).toBe(true);
  const verdict = readJson(verdictFile);
  expect(verdict).toMatchObject({ runId: run.runId, exitCode: exit });
  expect(run.runJson()).toMatchObject({ runId: run.runId, status: 'finished', exitCode: exit });
  return verdict;
}

describe('concurrency through npm run', () => {
  test('two chaos runs at once on the embedded target: own ports, valid series, both in history, nothing left', async ({
    task,
  }) => {
    const root = newResultsRoot('two-at-once');
    const runs = [
      startRun(
        'normal',
        'together-a',
        [...SHORT_NORMAL, '--chaos', 'chaos/pod-kill-order-service.yaml'],
        root,
      ),
      startRun(
        'normal',
        'together-b',
        [...SHORT_NORMAL, '--chaos', 'chaos/pod-kill-order-service-with-every-5m.yaml', '--chaos-at', '10'],
        root,
      ),
    ];
    // Every process either run started, and how many experiments the shared ledger held at once.
    const seen = new Set<number>();
    let ledgerPeak = 0;
    const exits = await Promise.all(
      runs.map((run) =>
        pollWhileRunning(run, 500, () => {
          for (const pid of run.processes()) seen.add(pid);
          ledgerPeak = Math.max(ledgerPeak, ledgerEntries(root).length);
        }),
      ),
    );

    const figures: string[] = [];
    runs.forEach((run, i) => {
      const exit = exits[i]!;
      expect(run.stderr()).not.toMatch(/EADDRINUSE|address already in use|internal error/i);
      expectJudged(run, exit);
      // Its series: every line a JSON object, none torn by the other run.
      const series = path.join(root, run.runId, 'timeseries.ndjson');
      const { lines, bad } = badNdjsonLines(series);
      expect(lines, `${run.runId}: time series lines`).toBeGreaterThan(0);
      expect(bad, `${run.runId}: unparsable lines of timeseries.ndjson`).toEqual([]);
      // Its chaos was its own: injected, recovered, recorded under its run id.
      const chaos = readJson(path.join(root, run.runId, 'chaos.json')) as {
        experiments: { runId: string; fires: number; recovered: boolean }[];
        failures: unknown[];
      };
      expect(chaos.experiments.length, `${run.runId}: chaos.json`).toBeGreaterThan(0);
      for (const experiment of chaos.experiments)
        expect(experiment, `${run.runId}: chaos.json`).toMatchObject({ runId: run.runId, recovered: true });
      expect(
        chaos.experiments.some((e) => e.fires > 0),
        `${run.runId}: chaos fired`,
      ).toBe(true);
      figures.push(`${run.runId} exit ${exit}, ${lines} series lines, fires ${chaos.experiments[0]!.fires}`);
    });
    const [portsA, portsB] = runs.map(targetPorts);
    expect(portsA && portsB, 'both stand-ins logged their ports').toBeTruthy();
    expect(new Set([portsA!.gateway, portsA!.admin, portsB!.gateway, portsB!.admin]).size).toBe(4);

    const history = readText(path.join(root, 'history.ndjson'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { runId: string; status: string });
    expect(history.map((h) => h.runId).sort()).toEqual(['together-a', 'together-b']);
    expect(history.every((h) => h.status === 'finished')).toBe(true);
    expect(ledgerEntries(root)).toEqual([]);
    expect(readdirSync(path.join(root, 'live-runs'))).toEqual([]);
    await waitFor('no process left', async () => [...seen].every((pid) => !isAlive(pid)), 15_000).catch(
      () => {
        throw new Error(`left running: ${[...seen].filter(isAlive).join(', ')}`);
      },
    );
    task.meta.figures = `${figures.join('; ')}; ports ${portsA!.gateway}/${portsB!.gateway}; ledger peak ${ledgerPeak}; ${seen.size} processes, none left`;
  }, 600_000);

  test('two runs with one --run-id at once: one runs, the other exits 104 naming --run-id and writes nothing', async ({
    task,
  }) => {
    const root = newResultsRoot('same-id');
    // Different profiles, so whatever lands in the folder tells which run wrote it.
    const runs = [
      startRun('smoke', 'same-id', [], root),
      startRun('normal', 'same-id', ['--scale', '0.005', '--vu-scale', '0.3'], root),
    ];
    const exits = await Promise.all(runs.map((run) => run.exited));
    const winners = runs.filter((_, i) => exits[i] !== 104);
    const losers = runs.filter((_, i) => exits[i] === 104);
    expect(
      { winners: winners.length, losers: losers.length },
      exits.map((e, i) => `exit ${e}: ${runs[i]!.stderr()}`).join('\n'),
    ).toEqual({ winners: 1, losers: 1 });
    const [winner] = winners as [DrillRun];
    const [loser] = losers as [DrillRun];
    const winnerProfile = winner === runs[0] ? 'smoke' : 'normal';
    const loserProfile = winnerProfile === 'smoke' ? 'normal' : 'smoke';

    expect(JUDGED).toContain(exits[runs.indexOf(winner)]);
    expect(loser.stderr()).toMatch(/--run-id[^\n]*"same-id"[^\n]*already exists/);
    expect(loser.stderr()).not.toMatch(/results in /);
    // The folder is the winner's alone: its record, its summary, its verdict, one history line.
    const folder = path.join(root, 'same-id');
    expect(winner.runJson()).toMatchObject({ runId: 'same-id', profile: winnerProfile, status: 'finished' });
    expect(readJson(path.join(folder, 'summary.json'))).toMatchObject({ c4ang: { profile: winnerProfile } });
    expect(readJson(path.join(folder, 'verdict.json'))).toMatchObject({ profile: winnerProfile });
    const history = winner.history();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ runId: 'same-id', profile: winnerProfile });
    for (const file of readdirSync(folder))
      expect(
        readText(path.join(folder, file)),
        `${file} mentions the losing ${loserProfile} run`,
      ).not.toMatch(new RegExp(`"profile":\\s*"${loserProfile}"`));
    // Nothing else in the root (an empty chaos ledger folder aside).
    expect(
      readdirSync(root)
        .filter((name) => name !== 'chaos-ledger')
        .sort(),
    ).toEqual(['history.ndjson', 'live-runs', 'same-id']);
    expect(ledgerEntries(root)).toEqual([]);
    expect(readdirSync(path.join(root, 'live-runs'))).toEqual([]);
    task.meta.figures = `${winnerProfile} ran (exit ${exits[runs.indexOf(winner)]}), ${loserProfile} exit 104; ${readdirSync(folder).length} files, all the winner's`;
  }, 300_000);

  test('1,000 VUs on the embedded target (spike, quick scale, VU scale 2): no crash, bounded memory', async ({
    task,
  }) => {
    const RSS_BOUND_KB = 1.5 * 1024 * 1024; // 1.5 GiB: generous; the runner is meant to stay in the low hundreds of MiB
    const run = startRun('spike', 'thousand-vus', ['--vu-scale', '2']);
    const harness = await harnessPid(run);
    let peakKb = 0;
    let treePeakKb = 0;
    const seen = new Set<number>();
    const exit = await pollWhileRunning(run, 500, () => {
      const own = memoryKb(harness);
      if (own) peakKb = Math.max(peakKb, own.peakKb, own.rssKb);
      let tree = own?.rssKb ?? 0;
      for (const pid of run.processes()) {
        seen.add(pid);
        if (pid !== harness) tree += memoryKb(pid)?.rssKb ?? 0;
      }
      treePeakKb = Math.max(treePeakKb, tree);
    });

    expectJudged(run, exit);
    expect(peakKb, 'the harness was measured').toBeGreaterThan(0);
    expect(peakKb, `harness peak RSS ${mib(peakKb)}`).toBeLessThan(RSS_BOUND_KB);

    const folder = path.join(run.resultsRoot, run.runId);
    const summary = readJson(path.join(folder, 'summary.json')) as {
      metrics: Record<string, { values: Record<string, number> }>;
      state: { testRunDurationMs: number };
    };
    // The VUs were really there, for the planned time.
    const plannedMs = nominalDurationMs(PROFILES.spike, { loadScale: 0.04, vuScale: 2 });
    const actualMs = summary.state.testRunDurationMs;
    expect(summary.metrics.vus_max?.values.max ?? summary.metrics.vus_max?.values.value).toBe(1000);
    expect(summary.metrics.http_reqs?.values.count, `requests sent\n${run.stderr()}`).toBeGreaterThan(0);
    expect(
      actualMs,
      `load ran ${actualMs} ms of ${plannedMs} planned\n${run.stderr()}`,
    ).toBeGreaterThanOrEqual(plannedMs * 0.95);
    expect(actualMs, `load ran ${actualMs} ms, far beyond its plan`).toBeLessThan(plannedMs * 3 + 60_000);
    // Event-loop delay: measured per second and reported, and judged by the generator-lag analysis.
    const loopDelays: number[] = [];
    let peakVus = 0;
    for (const line of readText(path.join(folder, 'timeseries.ndjson')).split('\n')) {
      if (!line) continue;
      const point = JSON.parse(line) as { metric: string; values: Record<string, number> };
      if (point.metric === 'local_event_loop_delay') loopDelays.push(point.values.value ?? 0);
      if (point.metric === 'vus') peakVus = Math.max(peakVus, point.values.max ?? point.values.value ?? 0);
    }
    expect(loopDelays.length, 'local_event_loop_delay in the time series').toBeGreaterThan(0);
    expect(summary.metrics.local_event_loop_delay, 'local_event_loop_delay in the summary').toBeDefined();
    const verdict = readJson(path.join(folder, 'verdict.json')) as {
      analysis: { generatorLag?: { fromMs: number; toMs: number }[] };
    };
    expect(Array.isArray(verdict.analysis.generatorLag), 'verdict analysis.generatorLag').toBe(true);
    const laggedS = (verdict.analysis.generatorLag ?? []).reduce((s, w) => s + (w.toMs - w.fromMs) / 1000, 0);
    // On a busy box the generator may not start all 1,000 VUs in time; then it must say so (lag spans
    // the verdict will not blame on the target), never pass the shortfall off as the target's figures.
    expect(
      peakVus >= 900 || laggedS > 0,
      `peak ${peakVus} VUs of 1000 and no generator lag reported\n${run.stderr()}`,
    ).toBe(true);

    await waitFor('no process left', async () => [...seen].every((pid) => !isAlive(pid)), 15_000);
    const sorted = [...loopDelays].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    task.meta.figures =
      `exit ${exit}; peak VUs ${peakVus} (vus_max ${summary.metrics.vus_max?.values.max ?? '?'}); harness peak RSS ${mib(peakKb)}` +
      ` (tree ${mib(treePeakKb)}); loop delay p99/s median ${median.toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms;` +
      ` generator lagged ${laggedS.toFixed(0)} s; planned ${(plannedMs / 1000).toFixed(0)} s, actual ${(actualMs / 1000).toFixed(1)} s`;
  }, 600_000);
});
