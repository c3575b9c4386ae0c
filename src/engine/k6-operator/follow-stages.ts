// Follows a TestRun through k6-operator's stages — initialization, initialized, created, started,
// (stopped), finished or error — by reading it (`kubectl get testruns.k6.io/<name> -o json`) every
// few seconds, with a bound on every stage: an operator that never picks the TestRun up, an image
// that cannot be pulled or runner pods that never start end the wait with a message saying where it
// stuck, instead of a run that hangs. An abort (Ctrl-C) ends it at once. Runs in: Node.
import { setTimeout as sleep } from 'node:timers/promises';

export const STAGES = [
  'initialization',
  'initialized',
  'created',
  'started',
  'stopped',
  'finished',
  'error',
] as const;
export type Stage = (typeof STAGES)[number];

/** How long the TestRun may stay without a stage (not picked up yet) or at each stage, ms. */
export type StageTimeouts = Readonly<Record<'none' | Exclude<Stage, 'finished' | 'error'>, number>>;

/** Bounds for a run whose load lasts `runMs`: pulls and inspection get minutes, `started` the run itself. */
export function stageTimeouts(runMs: number): StageTimeouts {
  return {
    none: 120_000,
    // The initializer pulls the runner image and runs `k6 inspect`.
    initialization: 300_000,
    initialized: 120_000,
    // Runner pods pull the image (a first pull on a new node takes minutes) and become ready.
    created: 300_000,
    // The load itself, its graceful stop, setup/teardown (60 s each) and a margin.
    started: runMs + 600_000,
    stopped: 120_000,
  };
}

export interface TestRunState {
  /** undefined: the operator has not set a stage yet. */
  readonly stage: Stage | undefined;
  /** Conditions' messages, for an `error` stage. */
  readonly messages: readonly string[];
}

export type StageOutcome =
  | { readonly kind: 'finished' }
  | {
      readonly kind: 'error' | 'timeout' | 'gone';
      readonly stage: Stage | undefined;
      readonly message: string;
    }
  | { readonly kind: 'interrupted'; readonly stage: Stage | undefined };

export interface FollowOptions {
  /** The TestRun now; undefined when it does not exist (any more). Throws when it cannot be read. */
  readonly read: () => Promise<TestRunState | undefined>;
  readonly timeouts: StageTimeouts;
  readonly pollMs: number;
  readonly signal: AbortSignal;
  /** Called on every stage change, and after every read with the stage then (to look for runner pods). */
  readonly onStage?: (stage: Stage | undefined) => void;
  readonly onPoll?: (stage: Stage | undefined) => Promise<void> | void;
  /** Reads that fail in a row before giving up (the API server restarting is not the run failing). */
  readonly maxReadFailures?: number;
}

/** Parses `kubectl get testrun -o json` output. */
export function parseTestRunState(json: string): TestRunState {
  const doc = JSON.parse(json) as {
    status?: {
      stage?: string;
      conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    };
  };
  const raw = doc.status?.stage;
  const stage = (STAGES as readonly string[]).includes(raw ?? '') ? (raw as Stage) : undefined;
  const messages = (doc.status?.conditions ?? [])
    .filter((c) => c.message)
    .map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}: ${c.message}`);
  return { stage, messages };
}

export async function followStages(options: FollowOptions): Promise<StageOutcome> {
  const { signal, timeouts } = options;
  let stage: Stage | undefined;
  let since = Date.now();
  let failures = 0;
  let lastError = '';
  while (!signal.aborted) {
    let state: TestRunState | undefined;
    try {
      state = await options.read();
      failures = 0;
    } catch (error) {
      lastError = (error as Error).message;
      if (++failures >= (options.maxReadFailures ?? 5))
        return { kind: 'error', stage, message: `cannot read the TestRun: ${lastError}` };
      await pause(options.pollMs, signal);
      continue;
    }
    if (!state) return { kind: 'gone', stage, message: 'the TestRun was deleted while the run was going on' };
    if (state.stage !== stage) {
      stage = state.stage;
      since = Date.now();
      options.onStage?.(stage);
    }
    await options.onPoll?.(stage);
    if (stage === 'finished') return { kind: 'finished' };
    if (stage === 'error')
      return {
        kind: 'error',
        stage,
        message: state.messages.join('; ') || 'k6-operator set the stage to error',
      };
    const limit = timeouts[stage ?? 'none'];
    if (Date.now() - since > limit)
      return {
        kind: 'timeout',
        stage,
        message: `${stage ? `stayed at stage ${stage}` : 'got no stage'} for ${Math.round(limit / 1000)} s`,
      };
    await pause(options.pollMs, signal);
  }
  return { kind: 'interrupted', stage };
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
