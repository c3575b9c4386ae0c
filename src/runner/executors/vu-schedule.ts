// The VU timeline of the schedule-driven executors as pure functions of time, so an executor can ask
// "how many VUs now?" on every tick and apply the difference in one go. Waiting for each single-VU
// step instead (one timer turn per VU) falls further behind with every VU when the event loop is busy:
// 5,000 VUs took minutes to ramp. Runs in: Node (any runner thread, and the main thread's lag watch).
import type { Scenario, Stage } from '../options/scenario-types.ts';

/**
 * How often ramping-vus re-reads its target. Each tick queues the starts due before the next one at
 * their own instants (dueAtMs) and applies ramp-downs due by now, so a late tick delays nothing it
 * has not already queued and never shifts the timeline.
 */
export const VU_TICK_MS = 50;

/**
 * Planned global VU count at `elapsedMs` from the scenario start, with k6's steps: a stage from
 * `from` to `to` over d ms changes the count by one at d·i/|to − from| (i = 1…|to − from|); a
 * zero-length stage jumps at its start. After the last stage: the last target.
 */
export function vusAt(startVUs: number, stages: readonly Stage[], elapsedMs: number): number {
  let from = startVUs;
  let stageStartMs = 0;
  for (const stage of stages) {
    const into = elapsedMs - stageStartMs;
    if (into < 0) return from;
    if (into < stage.durationMs) {
      const diff = stage.target - from;
      // 1e-9: a step that lands exactly on `into` (up to float error) has happened.
      const steps = Math.floor((Math.abs(diff) * into) / stage.durationMs + 1e-9);
      return from + Math.sign(diff) * steps;
    }
    stageStartMs += stage.durationMs;
    from = stage.target;
  }
  return from;
}

/**
 * When VU number `v` (1-based global count) was last due at or before `untilMs`: the k6 step instant
 * at which the planned count last rose to `v` (0 when the start VUs include it), undefined when the
 * plan never reaches `v` by then. Ramping-vus starts each VU at this instant, as k6 does, instead of
 * a tick's worth at once: simultaneous first requests would each open a connection.
 */
export function dueAtMs(
  startVUs: number,
  stages: readonly Stage[],
  v: number,
  untilMs: number,
): number | undefined {
  let last = startVUs >= v ? 0 : undefined;
  let from = startVUs;
  let stageStartMs = 0;
  for (const stage of stages) {
    if (stageStartMs > untilMs) break;
    if (from < v && stage.target >= v) {
      const at =
        stage.durationMs === 0
          ? stageStartMs
          : stageStartMs + (stage.durationMs * (v - from)) / (stage.target - from);
      if (at <= untilMs) last = at;
    }
    stageStartMs += stage.durationMs;
    from = stage.target;
  }
  return last;
}

/**
 * Planned global VUs of a schedule-driven scenario (ramping-vus, constant-vus) at `elapsedMs` from
 * its start; 0 outside its run. Undefined for executors whose VU count follows the work (iteration
 * and arrival-rate executors): those have no VU timeline to fall behind.
 */
export function plannedVus(scenario: Scenario, elapsedMs: number): number | undefined {
  switch (scenario.executor) {
    case 'ramping-vus': {
      const totalMs = scenario.stages.reduce((sum, s) => sum + s.durationMs, 0);
      return elapsedMs < 0 || elapsedMs >= totalMs ? 0 : vusAt(scenario.startVUs, scenario.stages, elapsedMs);
    }
    case 'constant-vus':
      return elapsedMs >= 0 && elapsedMs < scenario.durationMs ? scenario.vus : 0;
    default:
      return undefined;
  }
}

/** What a thread's ramping executor has now: VUs iterating, VUs queued to start, VUs ramping down. */
export interface VuCounts {
  running: number;
  pending: number;
  /** Ramped down but still finishing their iteration (gracefulRampDown): can be taken back. */
  leaving: number;
}

/** The moves that bring `counts` to `target` running-or-pending VUs. */
export interface TickMoves {
  /** Leaving VUs to take back first: no new VU, no interrupted iteration. */
  revive: number;
  /** New VU starts to queue. */
  start: number;
  /** Queued starts to drop (they never began, so nothing to ramp down). */
  cancel: number;
  /** Running VUs to ramp down (gracefulRampDown applies). */
  stop: number;
}

export function planTick(counts: VuCounts, target: number): TickMoves {
  const have = counts.running + counts.pending;
  const moves: TickMoves = { revive: 0, start: 0, cancel: 0, stop: 0 };
  if (target > have) {
    moves.revive = Math.min(counts.leaving, target - have);
    moves.start = target - have - moves.revive;
  } else if (target < have) {
    moves.cancel = Math.min(counts.pending, have - target);
    moves.stop = have - target - moves.cancel;
  }
  return moves;
}

/** When the tick after `nowEpochMs` is due: on the scenario's grid, never in the past, never after the end. */
export function nextTickEpochMs(startEpochMs: number, endEpochMs: number, nowEpochMs: number): number {
  const next = startEpochMs + (Math.floor((nowEpochMs - startEpochMs) / VU_TICK_MS) + 1) * VU_TICK_MS;
  return Math.min(endEpochMs, next);
}
