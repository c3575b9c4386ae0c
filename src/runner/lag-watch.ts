// Says *while it runs* that the load generator cannot keep up, instead of only in numbers read after
// the summary: each second it compares what every runner thread reported (VUs iterating in
// schedule-driven scenarios, late starts, event-loop delay) with the plan for the instant of that
// report. A lag that lasts LAG_SUSTAIN_MS opens an episode, logged once with its figures, again only
// if the VU shortfall reaches a worse quarter (a mild event-loop lag must not hide a spike that never
// got its VUs); as many seconds without lag close it (one line). Criteria match the verdict's generator-lag windows
// (src/results/analysis/generator-lag.ts), plus VUs behind plan and a thread gone silent.
// Runs in: Node (runner main thread).
import type { ThreadHealth } from './generator-health.ts';
import { plannedVus } from './executors/vu-schedule.ts';
import { share } from './executors/executor-context.ts';
import type { Scenario } from './options/scenario-types.ts';
import { EVENT_LOOP_DELAY_WARN_MS, START_LAG_WARN_MS } from './run-warnings.ts';
import type { LogLevel } from './vu-host.ts';

/** VUs running may trail the plan by this share (a tick, a report in flight) before it counts as lag. */
export const BEHIND_SHARE = 0.1;
/** How long a lag (or its absence) must last before an episode opens (or closes), ms. */
export const LAG_SUSTAIN_MS = 2000;
/** A thread that has not reported for this long has a blocked event loop, ms. */
export const SILENT_MS = 2500;
/** Share of late starts above which the period's p90 start lag is over START_LAG_WARN_MS. */
const LATE_SHARE = 0.1;

export interface LagWatchOptions {
  scenarios: readonly Scenario[];
  /** Runner threads that run VUs (workers, or 1 in-process). */
  threads: number;
  testStartEpochMs: number;
  log(level: LogLevel, message: string): void;
}

interface Reading {
  planned: number;
  actual: number;
  loopDelayMs: number;
  starts: number;
  lateStarts: number;
  maxStartLagMs: number;
  silentMs: number;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

export class LagWatch {
  readonly #o: LagWatchOptions;
  readonly #latest: ThreadHealth[];
  /** Start and loop figures reported since the last check (several reports may arrive per second). */
  #period = { starts: 0, lateStarts: 0, maxStartLagMs: 0, loopDelayMs: 0 };
  #lagSince: number | undefined;
  #okSince: number | undefined;
  #episode: { sinceMs: number; worst: Reading; level: number } | undefined;
  #episodes = 0;
  #laggedMs = 0;
  #worst: Reading | undefined;

  constructor(options: LagWatchOptions) {
    this.#o = options;
    const start = { scheduledVus: 0, loopDelayMs: 0, starts: 0, lateStarts: 0, maxStartLagMs: 0 };
    this.#latest = Array.from({ length: options.threads }, () => ({
      ...start,
      atEpochMs: options.testStartEpochMs,
    }));
  }

  report(thread: number, health: ThreadHealth): void {
    this.#latest[thread] = health;
    const p = this.#period;
    p.starts += health.starts;
    p.lateStarts += health.lateStarts;
    p.maxStartLagMs = Math.max(p.maxStartLagMs, health.maxStartLagMs);
    p.loopDelayMs = Math.max(p.loopDelayMs, health.loopDelayMs);
  }

  /** Judge the last second; logs when an episode opens or closes. */
  check(nowEpochMs: number): void {
    const r = this.#read(nowEpochMs);
    this.#period = { starts: 0, lateStarts: 0, maxStartLagMs: 0, loopDelayMs: 0 };
    const behind = r.planned > 0 && r.planned - r.actual > BEHIND_SHARE * r.planned;
    const lagging =
      behind ||
      r.silentMs > 0 ||
      r.loopDelayMs > EVENT_LOOP_DELAY_WARN_MS ||
      (r.starts > 0 && r.lateStarts / r.starts > LATE_SHARE);
    if (lagging) {
      this.#okSince = undefined;
      this.#lagSince ??= nowEpochMs;
      const episode = this.#episode;
      if (episode) {
        episode.worst = worse(episode.worst, r);
        if (shortfallLevel(r) > episode.level) {
          episode.level = shortfallLevel(r);
          this.#o.log('warn', `load generator is further behind its schedule: ${describe(r)}`);
        }
      } else if (nowEpochMs - this.#lagSince >= LAG_SUSTAIN_MS) {
        this.#episode = { sinceMs: this.#lagSince, worst: r, level: shortfallLevel(r) };
        this.#episodes++;
        this.#o.log(
          'warn',
          `load generator is behind its schedule: ${describe(r)}; this window does not carry the planned load and is inconclusive`,
        );
      }
      return;
    }
    this.#lagSince = undefined;
    if (!this.#episode) return;
    this.#okSince ??= nowEpochMs;
    if (nowEpochMs - this.#okSince >= LAG_SUSTAIN_MS) this.#close(this.#okSince, true);
  }

  /** End of run: close an open episode; a warning for the summary when the generator lagged at all. */
  finish(nowEpochMs: number): string | undefined {
    if (this.#episode) this.#close(nowEpochMs, false);
    if (!this.#worst) return undefined;
    const times = this.#episodes === 1 ? 'once' : `${this.#episodes} times`;
    return `the load generator fell behind its schedule ${times}, ${(this.#laggedMs / 1000).toFixed(1)} s in all (worst: ${describe(this.#worst)}); those windows did not carry the planned load`;
  }

  #close(endMs: number, live: boolean): void {
    const episode = this.#episode as { sinceMs: number; worst: Reading };
    const lastedMs = Math.max(0, endMs - episode.sinceMs);
    this.#laggedMs += lastedMs;
    this.#worst = this.#worst ? worse(this.#worst, episode.worst) : episode.worst;
    this.#episode = undefined;
    this.#okSince = undefined;
    if (live)
      this.#o.log(
        'info',
        `load generator caught up after ${(lastedMs / 1000).toFixed(1)} s behind its schedule`,
      );
  }

  #read(nowEpochMs: number): Reading {
    const { scenarios, threads, testStartEpochMs } = this.#o;
    const r: Reading = { ...this.#period, planned: 0, actual: 0, silentMs: 0 };
    this.#latest.forEach((h, index) => {
      const silentMs = nowEpochMs - h.atEpochMs;
      // A silent thread is judged against the plan for now; a live one against the plan when it reported.
      const at = silentMs > SILENT_MS ? nowEpochMs : h.atEpochMs;
      if (silentMs > SILENT_MS) r.silentMs = Math.max(r.silentMs, silentMs);
      for (const s of scenarios) {
        const global = plannedVus(s, at - testStartEpochMs - s.startTimeMs);
        if (global !== undefined) r.planned += share(global, index, threads);
      }
      r.actual += h.scheduledVus;
    });
    return r;
  }
}

/** The figures of a reading that show lag, most telling first. */
function describe(r: Reading): string {
  const parts: string[] = [];
  if (r.planned > 0)
    parts.push(
      `${int(r.actual)} of ${int(r.planned)} planned VUs running (${Math.round((100 * r.actual) / r.planned)} %)`,
    );
  parts.push(`event-loop delay p99 ${int(r.loopDelayMs)} ms`);
  if (r.starts > 0 && r.lateStarts > 0)
    parts.push(
      `${Math.round((100 * r.lateStarts) / r.starts)} % of starts > ${START_LAG_WARN_MS} ms late (max ${int(r.maxStartLagMs)} ms)`,
    );
  if (r.silentMs > 0)
    parts.push(`a runner thread silent for ${(r.silentMs / 1000).toFixed(1)} s (event loop blocked)`);
  return parts.join(', ');
}

/** Share of planned VUs not running (0 without a VU timeline). */
const shortfall = (r: Reading) => (r.planned > 0 ? Math.max(0, r.planned - r.actual) / r.planned : 0);
/** 0 below 25 % missing, then 1, 2, 3 per quarter: each worse quarter is announced once. */
const shortfallLevel = (r: Reading) => Math.min(3, Math.floor(shortfall(r) * 4));

/** The reading with the larger shortfall, keeping the worst loop delay and start lag of both. */
function worse(a: Reading, b: Reading): Reading {
  const base = shortfall(b) > shortfall(a) ? b : a;
  return {
    ...base,
    loopDelayMs: Math.max(a.loopDelayMs, b.loopDelayMs),
    maxStartLagMs: Math.max(a.maxStartLagMs, b.maxStartLagMs),
    silentMs: Math.max(a.silentMs, b.silentMs),
  };
}
